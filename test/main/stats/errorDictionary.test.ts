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
