import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { addRecipients, RATE_CARD_CSV, seedCampaign, seedProvider, times } from './costFixture'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

const IN = '+9198100' // India (+91)
const BR = '+5511900' // Brazil (+55)
const mkt = { category: 'marketing' }

/**
 * The target group of the fixture, worked out by hand (USD, fee 0.001 per priced message):
 *   India:  8 marketing `regular` (billable) + 2 marketing `free_entry_point` (free)
 *   Brazil: 5 marketing `billable: true`      + 1 utility `free_customer_service` (free)
 *   billable 13, free 3; cost = 8 × 0.01 + 5 × 0.06 + 16 × 0.001 = 0.08 + 0.30 + 0.016 = 0.396
 *   byCategory: marketing 15 messages, 0.08 + 0.30 + 0.015 = 0.395; utility 1 message, 0.001
 *   all 16 delivered; 4 target users buy for 100 each: converted 4, target rate 4 / 16 = 0.25
 */
function target() {
  return [
    ...times(6, () => ({ phone: IN, grp: 'target' as const, pricing: mkt })),
    ...times(2, () => ({ phone: IN, grp: 'target' as const, pricing: mkt, purchase: 100 })),
    ...times(2, () => ({
      phone: IN,
      grp: 'target' as const,
      pricing: { ...mkt, type: 'free_entry_point', billable: false }
    })),
    ...times(3, () => ({
      phone: BR,
      grp: 'target' as const,
      pricing: { ...mkt, type: null, billable: true }
    })),
    ...times(2, () => ({
      phone: BR,
      grp: 'target' as const,
      pricing: { ...mkt, type: null, billable: true },
      purchase: 100
    })),
    {
      phone: BR,
      grp: 'target' as const,
      pricing: { category: 'utility', type: 'free_customer_service', billable: false }
    }
  ]
}

async function setUp(): Promise<TestEngine> {
  t = await startTestEngine(tempDir())
  const db = t.engine.db
  seedProvider(db, 'meta1', 'meta')
  seedProvider(db, 'twilio1', 'twilio')
  expect(await t.call('pricing.importRateCard', { csv: RATE_CARD_CSV })).toEqual({
    markets: 2,
    rows: 3,
    rejected: []
  })
  await t.call('pricing.setAccount', {
    providerId: 'meta1',
    currency: 'USD',
    feePerMessage: 0.001,
    marketingMessagesApi: false
  })
  return t
}

describe('stats.cost on a hand-computed fixture', () => {
  it('prices reported billable and free messages to two markets, with a control group', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'with-control', 'meta1')
    // Control: 4 users, none buys → control rate 0; incremental conversions (0.25 − 0) × 16 = 4.
    addRecipients(engine.db, 'with-control', [
      ...target(),
      ...times(4, () => ({ phone: IN, grp: 'control' as const }))
    ])
    const cost = await call('stats.cost', { campaignId: 'with-control' })
    expect(cost).toMatchObject({
      currency: 'USD',
      billable: 13,
      free: 3,
      estimated: false,
      unpriced: 0,
      incrementalRevenue: 400,
      incrementalConversions: 4
    })
    expect(cost.cost).toBeCloseTo(0.396, 12)
    expect(cost.byCategory.marketing!.messages).toBe(15)
    expect(cost.byCategory.marketing!.cost).toBeCloseTo(0.395, 12)
    expect(cost.byCategory.utility).toEqual({ messages: 1, cost: expect.closeTo(0.001, 12) })
    expect(cost.costPerDelivered).toBeCloseTo(0.396 / 16, 12)
    expect(cost.costPerConversion).toBeCloseTo(0.396 / 4, 12)
    expect(cost.costPerIncrementalConversion).toBeCloseTo(0.396 / 4, 12)
    expect(cost.roi).toBeCloseTo(400 / 0.396, 9)
    expect(cost.markets).toEqual([
      { market: 'India', billable: 8, free: 2, cost: expect.closeTo(0.09, 12) },
      { market: 'Brazil', billable: 5, free: 1, cost: expect.closeTo(0.306, 12) }
    ])
  })

  it('without a control group: cost the same, incremental figures null with their reason', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'no-control', 'meta1')
    addRecipients(engine.db, 'no-control', target())
    const cost = await call('stats.cost', { campaignId: 'no-control' })
    expect(cost.cost).toBeCloseTo(0.396, 12)
    expect(cost.costPerConversion).toBeCloseTo(0.099, 12)
    expect(cost.incrementalConversions).toBeNull()
    expect(cost.costPerIncrementalConversion).toBeNull()
    expect(cost.roi).toBeNull()
    expect(cost.reasons.roi).toMatch(/control group/)
    expect(cost.reasons.costPerIncrementalConversion).toMatch(/control group/)
  })

  it('no lift, nothing delivered, no conversions: nulls, never a division by zero', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'flat', 'meta1')
    // 2 target users priced but not delivered; 2 control users of whom 1 buys → lift < 0.
    addRecipients(engine.db, 'flat', [
      ...times(2, () => ({ phone: IN, grp: 'target' as const, delivered: false, pricing: mkt })),
      { phone: IN, grp: 'control' as const, purchase: 50 },
      { phone: IN, grp: 'control' as const }
    ])
    const cost = await call('stats.cost', { campaignId: 'flat' })
    expect(cost.cost).toBeCloseTo(2 * 0.01 + 2 * 0.001, 12)
    expect(cost.costPerDelivered).toBeNull()
    expect(cost.costPerConversion).toBeNull()
    expect(cost.incrementalConversions).toBeCloseTo(-1, 12)
    expect(cost.costPerIncrementalConversion).toBeNull()
    expect(cost.reasons.costPerIncrementalConversion).toMatch(/No lift/)
    expect(JSON.stringify(cost)).not.toMatch(/NaN|Infinity/)
  })

  it('estimates from delivered messages and the template category where no pricing is reported', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'est-utility', 'twilio1', 'utility')
    seedCampaign(engine.db, 'est-unknown', 'twilio1', null)
    const three = () => [
      ...times(2, () => ({ phone: IN, grp: 'target' as const })),
      { phone: BR, grp: 'target' as const },
      { phone: BR, grp: 'target' as const, delivered: false }
    ]
    addRecipients(engine.db, 'est-utility', three())
    addRecipients(engine.db, 'est-unknown', three())
    const utility = await call('stats.cost', { campaignId: 'est-utility' })
    // 2 × 0.002 (India utility) + 1 × 0.008 (Brazil utility); the undelivered one costs nothing.
    expect(utility).toMatchObject({ estimated: true, estimateCategory: 'utility', billable: 3 })
    expect(utility.cost).toBeCloseTo(0.012, 12)
    const unknown = await call('stats.cost', { campaignId: 'est-unknown' })
    expect(unknown).toMatchObject({ estimated: true, estimateCategory: 'marketing' })
    expect(unknown.cost).toBeCloseTo(2 * 0.01 + 0.06, 12)
    expect(unknown.reasons.estimated).toMatch(/category is unknown/)
  })

  it('a market without a rate makes cost null with the reason, not a silent under-count', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'kenya', 'meta1')
    addRecipients(engine.db, 'kenya', [
      { phone: '+2547000', grp: 'target', pricing: mkt },
      { phone: IN, grp: 'target', pricing: mkt }
    ])
    const cost = await call('stats.cost', { campaignId: 'kenya' })
    expect(cost.cost).toBeNull()
    expect(cost.unpriced).toBe(1)
    expect(cost.reasons.cost).toMatch(/Rest of Africa/)
    expect(cost.costPerDelivered).toBeNull()
  })

  it('shows cost in the account currency, from that currency of the card', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'inr', 'meta1')
    addRecipients(
      engine.db,
      'inr',
      times(3, () => ({ phone: IN, grp: 'target' as const, pricing: mkt }))
    )
    await call('pricing.setAccount', {
      providerId: 'meta1',
      currency: 'INR',
      feePerMessage: 0,
      marketingMessagesApi: false
    })
    const cost = await call('stats.cost', { campaignId: 'inr' })
    expect(cost.currency).toBe('INR')
    expect(cost.cost).toBeCloseTo(3 * 0.86, 12)
  })
})

describe('stats.compare', () => {
  it('gives each campaign the numbers of its own stats.summary and stats.cost', async () => {
    const { engine, call } = await setUp()
    seedCampaign(engine.db, 'a', 'meta1')
    seedCampaign(engine.db, 'b', 'twilio1', 'utility')
    addRecipients(engine.db, 'a', [
      ...target(),
      ...times(4, () => ({ phone: IN, grp: 'control' as const }))
    ])
    addRecipients(
      engine.db,
      'b',
      times(3, () => ({ phone: BR, grp: 'target' as const }))
    )
    const { rows } = await call('stats.compare', { campaignIds: ['a', 'b', 'a'] })
    expect(rows.map((r) => r.campaignId)).toEqual(['a', 'b'])
    for (const row of rows) {
      const s = await call('stats.summary', { campaignId: row.campaignId })
      const c = await call('stats.cost', { campaignId: row.campaignId })
      expect(row).toEqual({
        campaignId: row.campaignId,
        name: `Campaign ${row.campaignId}`,
        goal: s.goal?.event ?? null,
        qualified: s.qualified,
        sent: s.sent,
        deliveredRate: s.sent ? s.delivered / s.sent : null,
        viewedRate: s.sent ? s.viewed / s.sent : null,
        repliedRate: s.sent ? s.replied / s.sent : null,
        clickedRate: null,
        lift: s.conversion.lift,
        ci95: s.conversion.ci95,
        verdict: s.conversion.verdict,
        incrementalRevenue: s.revenue.incremental,
        revenueCurrency: s.goal?.currency ?? null,
        cost: c.cost,
        currency: c.currency,
        estimated: c.estimated,
        costPerIncrementalConversion: c.costPerIncrementalConversion,
        roi: c.roi
      })
    }
    expect(rows[0]!.cost).toBeCloseTo(0.396, 12)
    expect(rows[1]).toMatchObject({ estimated: true, deliveredRate: 1 })
    await expect(call('stats.compare', { campaignIds: ['nope'] })).rejects.toThrow(/not_found/)
  })
})
