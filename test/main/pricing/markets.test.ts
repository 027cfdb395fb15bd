import { afterEach, describe, expect, it } from 'vitest'
import { countryOfDigits, MARKET_CHANGES } from '../../../src/main/pricing/markets'
import { cardDate, parseRateCard } from '../../../src/main/pricing/rateCard'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { addRecipients, seedCampaign, seedProvider, times } from './costFixture'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

const HEADER =
  'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service'
const card = (title: string, ...rows: string[]): string => [title, HEADER, ...rows].join('\n')
const mkt = { category: 'marketing' }

describe('markets by calling code', () => {
  it('North America is the US and Canada only: other NANP areas by area code', () => {
    expect(countryOfDigits('14155550100')?.market).toBe('North America')
    expect(countryOfDigits('16135550100')?.market).toBe('North America') // Ottawa
    for (const [digits, country] of [
      ['12423570000', 'Bahamas'],
      ['12464300000', 'Barbados'],
      ['18686250000', 'Trinidad and Tobago'],
      ['14412950000', 'Bermuda'],
      ['16714770000', 'Guam']
    ] as const) {
      expect(countryOfDigits(digits)).toMatchObject({ country, market: 'Other' })
    }
    for (const digits of ['18095550100', '18765550100', '17875550100'])
      expect(countryOfDigits(digits)?.market).toBe('Rest of Latin America')
  })

  it('Zimbabwe is listed, in Other (not Rest of Africa)', () => {
    expect(countryOfDigits('263771234567')).toMatchObject({ country: 'Zimbabwe', market: 'Other' })
    expect(countryOfDigits('260971234567')?.market).toBe('Rest of Africa') // Zambia
  })

  it('every 2026 split with its date', () => {
    const on = (from: string) =>
      MARKET_CHANGES.filter((c) => c.from === from)
        .map((c) => c.country)
        .sort()
    expect(on('2026-07-01')).toEqual([
      'Hong Kong',
      'Hungary',
      'Poland',
      'Qatar',
      'Romania',
      'Singapore'
    ])
    expect(on('2026-10-01')).toEqual([
      'Bangladesh',
      'Iraq',
      'Kazakhstan',
      'Kuwait',
      'Morocco',
      'Nepal',
      'Oman',
      'Sri Lanka',
      'Ukraine'
    ])
    expect(MARKET_CHANGES.find((c) => c.country === 'Poland')?.group).toBe(
      'Rest of Central & Eastern Europe'
    )
  })
})

describe('rate card: older spellings and the card date', () => {
  it('imports a card that writes the currency as $US (and US$)', () => {
    const { rows, rejected } = parseRateCard(
      card(
        'Rate card',
        'India,$US,0.0107,0.0014,0.0014,,0',
        'Brazil,US$,$US0.0625,0.0068,0.0068,,0'
      )
    )
    expect(rejected).toEqual([])
    expect(rows.map((r) => [r.market, r.currency, r.marketing])).toEqual([
      ['India', 'USD', 0.0107],
      ['Brazil', 'USD', 0.0625]
    ])
  })

  it("reads the card's date from its title line", () => {
    expect(cardDate(['WhatsApp rate card — effective 2026-10-01 (USD)'])).toBe('2026-10-01')
    expect(cardDate(['Rates effective from July 1, 2026'])).toBe('2026-07-01')
    expect(cardDate(['Effective 1 October 2026'])).toBe('2026-10-01')
    expect(cardDate(['WhatsApp rate card (USD)'])).toBeNull()
    expect(parseRateCard(card('Effective 2026-04-01', 'India,USD,1,1,1,,0')).effectiveFrom).toBe(
      '2026-04-01'
    )
  })
})

describe('stats.cost by market', () => {
  async function campaignWith(csv: string, phone: string): Promise<TestEngine> {
    t = await startTestEngine(tempDir())
    const db = t.engine.db
    seedProvider(db, 'meta1', 'meta')
    seedCampaign(db, 'c', 'meta1')
    addRecipients(
      db,
      'c',
      times(3, () => ({ phone, grp: 'target' as const, pricing: mkt }))
    )
    expect((await t.call('pricing.importRateCard', { csv })).rejected).toEqual([])
    return t
  }

  it('a +1 242 (Bahamas) number is priced at Other, not North America', async () => {
    const { call } = await campaignWith(
      card(
        'Rates',
        'North America,USD,0.025,0.0034,0.0034,,0',
        'Other,USD,0.0604,0.0077,0.0077,,0'
      ),
      '+1242357'
    )
    const cost = await call('stats.cost', { campaignId: 'c' })
    expect(cost.markets).toEqual([
      { market: 'Other', billable: 3, free: 0, cost: expect.closeTo(3 * 0.0604, 12) }
    ])
  })

  it('a Polish number is priced by a Poland row when the card has one', async () => {
    const { call } = await campaignWith(
      card(
        'WhatsApp rate card — effective 2026-10-01',
        'Poland,USD,0.07,0.02,0.02,0.05,0',
        'Rest of Central & Eastern Europe,USD,0.086,0.0212,0.0212,0.07,0'
      ),
      '+48600'
    )
    const cost = await call('stats.cost', { campaignId: 'c' })
    expect(cost.markets).toEqual([
      { market: 'Poland', billable: 3, free: 0, cost: expect.closeTo(0.21, 12) }
    ])
    expect(cost.marketWarnings).toEqual([])
    expect(cost.rateCardEffectiveFrom).toBe('2026-10-01')
  })

  it('and by its group, with a warning, when the card has none', async () => {
    const { call } = await campaignWith(
      card(
        'WhatsApp rate card — effective 2026-04-01',
        'Rest of Central & Eastern Europe,USD,0.086,0.0212,0.0212,0.07,0'
      ),
      '+48600'
    )
    const cost = await call('stats.cost', { campaignId: 'c' })
    expect(cost.markets).toEqual([
      {
        market: 'Rest of Central & Eastern Europe',
        billable: 3,
        free: 0,
        cost: expect.closeTo(0.258, 12)
      }
    ])
    expect(cost.marketWarnings).toEqual([
      "The rate card (effective 2026-04-01) predates Poland's own market (from 2026-07-01): 3 messages to Poland are priced at Rest of Central & Eastern Europe rates. Import a newer rate card (Pricing page)."
    ])
    const rates = await call('pricing.rates', {})
    expect(rates.effectiveFrom).toBe('2026-04-01')
    expect(rates.marketTable.changes).toContainEqual({
      country: 'Poland',
      group: 'Rest of Central & Eastern Europe',
      from: '2026-07-01'
    })
  })

  it('no warning for a campaign that ended before the change', async () => {
    const { engine, call } = await campaignWith(
      card('Rates', 'Rest of Central & Eastern Europe,USD,0.086,0.0212,0.0212,0.07,0'),
      '+48600'
    )
    engine.db
      .prepare('UPDATE campaign SET completed_at = ? WHERE id = ?')
      .run(Date.UTC(2026, 5, 30), 'c')
    expect((await call('stats.cost', { campaignId: 'c' })).marketWarnings).toEqual([])
  })
})
