import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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

const IN = '+9198100'

/** 10 target users priced as billable marketing in India, 2 of them buy for 500; 4 control, none buys. */
function recipients() {
  return [
    ...times(8, () => ({ phone: IN, grp: 'target' as const, pricing: { category: 'marketing' } })),
    ...times(2, () => ({
      phone: IN,
      grp: 'target' as const,
      pricing: { category: 'marketing' },
      purchase: 500
    })),
    ...times(4, () => ({ phone: IN, grp: 'control' as const }))
  ]
}

async function setUp(accountCurrency: string, dir = tempDir()): Promise<TestEngine> {
  t = await startTestEngine(dir)
  seedProvider(t.engine.db, 'meta1', 'meta')
  await t.call('pricing.importRateCard', { csv: RATE_CARD_CSV })
  await t.call('pricing.setAccount', {
    providerId: 'meta1',
    currency: accountCurrency,
    feePerMessage: 0,
    marketingMessagesApi: false
  })
  return t
}

describe('revenue currency and ROI', () => {
  it('revenue in INR and cost in USD: no ROI (never a ratio of two currencies), said everywhere', async () => {
    const { engine, call } = await setUp('USD')
    seedCampaign(engine.db, 'inr', 'meta1', null, 'INR')
    addRecipients(engine.db, 'inr', recipients())

    const summary = await call('stats.summary', { campaignId: 'inr' })
    expect(summary.goal?.currency).toBe('INR')
    expect(summary.revenue.incremental).toBe(1000)

    const cost = await call('stats.cost', { campaignId: 'inr' })
    expect(cost.currency).toBe('USD')
    expect(cost.revenueCurrency).toBe('INR')
    expect(cost.cost).toBeCloseTo(0.1, 12)
    expect(cost.roi).toBeNull()
    expect(cost.reasons.roi).toBe('No ROI: revenue in INR, cost in USD')

    const { rows } = await call('stats.compare', { campaignIds: ['inr'] })
    expect(rows[0]).toMatchObject({ revenueCurrency: 'INR', currency: 'USD', roi: null })

    const path = join(tempDir(), 'summary.csv')
    await call('reports.export', { campaignId: 'inr', format: 'csv', kind: 'summary', path })
    const csv = readFileSync(path, 'utf8')
    expect(csv).toContain('goal.currency,Revenue currency,INR')
    expect(csv).toContain(
      'cost.roi,ROI (incremental revenue ÷ cost),,"No ROI: revenue in INR, cost in USD"'
    )
  })

  it('the same campaign with the account in INR (the rate card has INR rows): ROI in one currency', async () => {
    const { engine, call } = await setUp('INR')
    seedCampaign(engine.db, 'inr', 'meta1', null, 'INR')
    addRecipients(engine.db, 'inr', recipients())
    const cost = await call('stats.cost', { campaignId: 'inr' })
    expect(cost.currency).toBe('INR')
    // 10 billable marketing messages at INR 0.86 = 8.6; incremental revenue 1,000.
    expect(cost.cost).toBeCloseTo(8.6, 9)
    expect(cost.roi).toBeCloseTo(1000 / 8.6, 9)
  })

  it("a goal without a currency is in Settings' default; a new campaign keeps the default it was made in", async () => {
    const { engine, call } = await setUp('USD')
    expect(await call('system.currency', {})).toEqual({ currency: 'USD' })
    seedCampaign(engine.db, 'old', 'meta1')
    addRecipients(engine.db, 'old', recipients())
    expect((await call('stats.cost', { campaignId: 'old' })).roi).toBeCloseTo(1000 / 0.1, 6)

    expect(await call('system.setCurrency', { currency: 'INR' })).toEqual({ currency: 'INR' })
    expect((await call('stats.summary', { campaignId: 'old' })).goal?.currency).toBe('INR')
    expect((await call('stats.cost', { campaignId: 'old' })).reasons.roi).toBe(
      'No ROI: revenue in INR, cost in USD'
    )

    const draft = {
      name: 'Diwali',
      providerId: 'meta1',
      template: { name: 't', language: 'en', params: [] },
      audience: { all: true as const },
      controlGroupPercent: 10,
      conversion: { event: 'purchase', windowHours: 48 }
    }
    const { id } = await call('campaigns.create', draft)
    await call('system.setCurrency', { currency: 'EUR' })
    const made = await call('campaigns.get', { id })
    expect(made.draft?.conversion?.currency).toBe('INR')
    const own = await call('campaigns.create', {
      ...draft,
      conversion: { ...draft.conversion, currency: 'GBP' }
    })
    expect((await call('campaigns.get', own)).draft?.conversion?.currency).toBe('GBP')
  })

  it('the default currency the engine keeps follows each change at once, and a reopened file has the last', async () => {
    const dir = tempDir()
    const { engine, call } = await setUp('USD', dir)
    seedCampaign(engine.db, 'old', 'meta1')
    addRecipients(engine.db, 'old', recipients())
    const shown = async (call: TestEngine['call']) => [
      (await call('stats.summary', { campaignId: 'old' })).goal?.currency,
      (await call('stats.cost', { campaignId: 'old' })).revenueCurrency,
      (await call('system.currency', {})).currency
    ]
    expect(await shown(call)).toEqual(['USD', 'USD', 'USD'])
    await call('system.setCurrency', { currency: 'INR' })
    expect(await shown(call)).toEqual(['INR', 'INR', 'INR'])
    expect((await engine.invoke('system.setCurrency', { currency: 'XYZ' })).ok).toBe(false)
    expect(await shown(call)).toEqual(['INR', 'INR', 'INR'])
    await call('system.setCurrency', { currency: 'EUR' })
    expect(await shown(call)).toEqual(['EUR', 'EUR', 'EUR'])

    await engine.close()
    t = await startTestEngine(dir)
    expect(await shown(t.call)).toEqual(['EUR', 'EUR', 'EUR'])
  })

  it('refuses a currency that is not an ISO 4217 code, naming the field', async () => {
    const { engine } = await setUp('USD')
    for (const currency of ['usd', 'RUPEES', 'XYZ']) {
      const r = await engine.invoke('system.setCurrency', { currency })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('invalid_input')
    }
    const r = await engine.invoke('campaigns.preview', {
      draft: { conversion: { event: 'purchase', windowHours: 48, currency: 'ABC' } }
    })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('currency')
    expect(await engine.invoke('system.currency', {})).toMatchObject({ data: { currency: 'USD' } })
  })
})
