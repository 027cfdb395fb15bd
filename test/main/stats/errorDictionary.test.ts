import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DISPATCH_ERROR_REASONS } from '../../../src/shared/domain/dispatch'
import {
  explainDeliveryError,
  explainDispatchError,
  lookupDeliveryError
} from '../../../src/shared/domain/errorDictionary'

const META = [
  '131026',
  '131047',
  '131048',
  '131049',
  '131050',
  '131051',
  '131053',
  '131056',
  '130429',
  '130472',
  '131000',
  '131005',
  '131008',
  '131009',
  '131016',
  '131021',
  '131031',
  '131042',
  '132000',
  '132001',
  '132005',
  '132007',
  '132012',
  '132015',
  '132016',
  '132068',
  '132069',
  '133010',
  '368',
  '190'
]
const TWILIO = [
  '63016',
  '63024',
  '63032',
  '63049',
  '63018',
  '63003',
  '63112',
  '21211',
  '21408',
  '21610',
  '30003',
  '30004',
  '30005',
  '30006',
  '30007',
  '30008'
]
// 1009 is absent from Gupshup's published table (providers.md §3.6), so it is not invented here.
const GUPSHUP = [
  '1001',
  '1002',
  '1003',
  '1004',
  '1005',
  '1006',
  '1007',
  '1008',
  '1010',
  '1011',
  '1012'
]
const INFOBIP = ['UNDELIVERABLE', 'EXPIRED', 'REJECTED']

describe('error dictionary', () => {
  it('explains every dispatch reason in plain words with a next step', () => {
    for (const reason of DISPATCH_ERROR_REASONS) {
      const e = explainDispatchError(reason)
      expect(e.title.length, reason).toBeGreaterThan(3)
      expect(e.explanation.length, reason).toBeGreaterThan(20)
      expect(e.nextStep.length, reason).toBeGreaterThan(10)
    }
  })

  it('knows the common codes of every provider (and Meta codes relayed by the others)', () => {
    const cases: [string, string[]][] = [
      ['meta', META],
      ['sandbox', META],
      ['twilio', TWILIO],
      ['gupshup', GUPSHUP],
      ['infobip', INFOBIP],
      ['gupshup', ['131049']]
    ]
    for (const [type, codes] of cases)
      for (const code of codes)
        expect(lookupDeliveryError(type, code), `${type} ${code}`).not.toBeNull()
    expect(explainDeliveryError('meta', '131026')).toMatchObject({
      known: true,
      title: 'Message undeliverable'
    })
    expect(explainDeliveryError('twilio', '63049').title).toBe('Meta chose not to deliver')
  })

  it('still groups unknown codes, with the provider’s own text', () => {
    expect(explainDeliveryError('meta', '999123', 'Odd thing happened')).toEqual({
      known: false,
      title: 'Odd thing happened',
      explanation: 'The provider reported code 999123: “Odd thing happened”.',
      nextStep: 'Look up code 999123 in the provider’s documentation.'
    })
    expect(explainDeliveryError('meta', '999123').title).toBe('Error 999123')
    expect(explainDispatchError('brand_new_reason').title).toBe('brand_new_reason')
  })
})

/**
 * Every error code a provider fake can answer or report, read from the fakes' own source: the
 * literal codes of their error builders and default tables. A new code in a fake without an
 * entry here fails this test.
 */
function fakeCodes(files: string, patterns: RegExp[]): string[] {
  const source = files
    .split(', ')
    .map((file) => readFileSync(join(__dirname, '../../fakes', file), 'utf8'))
    .join('\n')
  const codes = new Set<string>()
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) codes.add(m[1]!)
  return [...codes]
}

const FAKE_CODES: [string, string, RegExp[]][] = [
  [
    'meta',
    'meta.ts',
    [/\(#(\d+)\)/g, /graphError\(\s*\d+,\s*(\d+)/g, /^\s+\d{3}: \[(\d+),/gm, /, (\d{3,6})\)$/gm]
  ],
  [
    'twilio',
    'twilio.ts',
    [/twilioError\(\s*\d+,\s*(\d+)/g, /invalid\((\d+),/g, /^\s+\d{3}: \[(\d+),/gm]
  ],
  [
    'gupshup',
    'gupshup.ts',
    [/gupshupError\(\s*\d+,\s*'(\d+)'/g, /^\s+\d{3}: \['(\d+)',/gm, /code \?\? (\d+)\)/g]
  ],
  [
    'infobip',
    'infobip.ts, infobipLogs.ts',
    [
      /^\s+\d{3}: \['([A-Z_]+)',/gm,
      /infobipError\(\s*\d+,\s*'([A-Z_]+)'/g,
      /name: '((?:UNDELIVERABLE|EXPIRED|REJECTED)_[A-Z_]+)'/g
    ]
  ]
]

describe('every code a provider fake can return has an entry', () => {
  it.each(FAKE_CODES)('%s (test/fakes/%s)', (type, files, patterns) => {
    const codes = fakeCodes(files, patterns)
    expect(codes.length, `codes found in ${files}`).toBeGreaterThan(3)
    const missing = codes.filter((code) => lookupDeliveryError(type, code) === null)
    expect(missing, `${type} codes without an entry`).toEqual([])
  })

  it('knows the template and variable codes the providers document', () => {
    for (const code of ['21656', '63027', '63028'])
      expect(lookupDeliveryError('twilio', code), `twilio ${code}`).not.toBeNull()
    expect(explainDeliveryError('twilio', '21656').explanation).toContain('newline')
    for (const code of ['4004', '4005'])
      expect(lookupDeliveryError('gupshup', code), `gupshup ${code}`).not.toBeNull()
    expect(explainDeliveryError('gupshup', '4005').title).toBe('Template paused')
    // Infobip's numeric error ids (general error codes) beyond id 1.
    for (const code of ['1', '5', '6', '9', '27', '32', '351', '603', '2052', '4101'])
      expect(lookupDeliveryError('infobip', code), `infobip ${code}`).not.toBeNull()
    expect(explainDeliveryError('infobip', '27').title).toBe('Recipient unreachable')
  })
})
