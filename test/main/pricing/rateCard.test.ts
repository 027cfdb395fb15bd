import { afterEach, describe, expect, it } from 'vitest'
import { parseRateCard } from '../../../src/main/pricing/rateCard'
import { countryOfDigits, MARKET_TABLE_SOURCE } from '../../../src/main/pricing/markets'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

/** The layout of Meta's downloadable card: a title line, the header, one row per market. */
const META_CARD = `\uFEFFWhatsApp Business Platform rate card — effective 2026-10-01 (USD),,,,,,
Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service
Argentina,USD,0.0618,0.026,0.026,,0
Brazil,USD,0.0625,0.0068,0.0068,,0
India,USD,0.0107,0.0014,0.0014,0.028,0
North America,USD,0.025,0.0034,0.0034,,0
"Rest of Central & Eastern Europe",USD,0.086,0.0212,0.0212,0.0700,0
Rest of Western Europe,USD,0.0592,0.0286,0.0286,,0
Other,USD,0.0604,0.0077,0.0077,,0
`

describe('rate card CSV', () => {
  it('reads the real layout: title line skipped, quoted names, blank authentication-international', () => {
    const { rows, rejected } = parseRateCard(META_CARD)
    expect(rejected).toEqual([])
    expect(rows).toHaveLength(7)
    expect(rows.find((r) => r.market === 'India')).toEqual({
      market: 'India',
      currency: 'USD',
      marketing: 0.0107,
      utility: 0.0014,
      authentication: 0.0014,
      authenticationInternational: 0.028,
      service: 0
    })
    expect(rows.find((r) => r.market === 'Brazil')!.authenticationInternational).toBeNull()
  })

  it('reports an unknown market and a malformed price with their lines', () => {
    const csv = `Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service
India,USD,0.0107,0.0014,0.0014,0.028,0
Atlantis,USD,0.01,0.01,0.01,,0
Brazil,USD,0.06x,0.0068,0.0068,,0
Brazil,usd,0.06,0.0068,0.0068,,0
Brazil,USD,0.06,0.0068,0.0068,,0
Spain,EURO,0.06,0.0068,0.0068,,0`
    expect(parseRateCard(csv).rejected).toEqual([
      { line: 3, reason: 'Unknown market "Atlantis"' },
      { line: 4, reason: 'Malformed marketing price "0.06x"' },
      { line: 6, reason: 'Brazil in USD appears twice' },
      { line: 7, reason: 'Currency "EURO" is not a 3-letter code' }
    ])
  })

  it('refuses a file without the columns', () => {
    expect(parseRateCard('Country,Price\nIndia,1').rejected[0]!.reason).toMatch(/"Market"/)
    expect(parseRateCard('Market,Currency,Marketing\nIndia,USD,1').rejected[0]!.reason).toMatch(
      /Missing column\(s\): utility, authentication, service/
    )
  })

  it('resolves calling codes to markets, longest prefix first', () => {
    expect(countryOfDigits('919812345678')?.market).toBe('India')
    expect(countryOfDigits('14155550100')?.market).toBe('North America')
    expect(countryOfDigits('18765550100')?.market).toBe('Rest of Latin America')
    expect(countryOfDigits('77011234567')?.country).toBe('Kazakhstan')
    expect(countryOfDigits('79161234567')?.market).toBe('Russia')
    expect(countryOfDigits('2547000')?.market).toBe('Rest of Africa')
    expect(countryOfDigits('6901234')).toBeNull()
    expect(MARKET_TABLE_SOURCE.source).toMatch(/developers\.facebook\.com/)
  })
})

describe('pricing.importRateCard / pricing.rates', () => {
  it('loads a good card, and a bad one loads nothing (the previous card stays)', async () => {
    t = await startTestEngine(tempDir())
    expect(await t.call('pricing.rates', {})).toMatchObject({ importedAt: null, rows: [] })
    expect(await t.call('pricing.importRateCard', { csv: META_CARD })).toEqual({
      markets: 7,
      rows: 7,
      rejected: []
    })
    const loaded = await t.call('pricing.rates', {})
    expect(loaded.markets).toBe(7)
    expect(loaded.importedAt).toBeGreaterThan(0)
    expect(loaded.marketTable.date).toBe(MARKET_TABLE_SOURCE.date)

    const bad = META_CARD + 'Narnia,USD,0.01,0.01,0.01,,0\n'
    const result = await t.call('pricing.importRateCard', { csv: bad })
    expect(result).toEqual({
      markets: 0,
      rows: 0,
      rejected: [{ line: 10, reason: 'Unknown market "Narnia"' }]
    })
    expect(await t.call('pricing.rates', {})).toEqual(loaded)
  })

  it('keeps per-account currency and fee; the Marketing Messages API only for Meta (and the Sandbox)', async () => {
    t = await startTestEngine(tempDir())
    const sandbox = await t.call('providers.create', {
      type: 'twilio',
      name: 'Tw',
      config: { accountSid: 'AC' + '0'.repeat(32), authToken: 'x', from: 'whatsapp:+15550000000' }
    })
    expect(await t.call('pricing.account', { providerId: sandbox.id })).toEqual({
      providerId: sandbox.id,
      currency: 'USD',
      feePerMessage: 0,
      marketingMessagesApi: false
    })
    await t.call('pricing.setAccount', {
      providerId: sandbox.id,
      currency: 'EUR',
      feePerMessage: 0.002,
      marketingMessagesApi: false
    })
    expect(await t.call('pricing.account', { providerId: sandbox.id })).toMatchObject({
      currency: 'EUR',
      feePerMessage: 0.002
    })
    await expect(
      t.call('pricing.setAccount', {
        providerId: sandbox.id,
        currency: 'EUR',
        feePerMessage: 0,
        marketingMessagesApi: true
      })
    ).rejects.toThrow(/Meta Cloud API option/)
    await expect(
      t.call('pricing.setAccount', {
        providerId: sandbox.id,
        currency: 'euro',
        feePerMessage: 0,
        marketingMessagesApi: false
      })
    ).rejects.toThrow(/invalid_input/)
  })
})
