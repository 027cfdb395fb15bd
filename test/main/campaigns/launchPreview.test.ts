import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { RATE_CARD_CSV } from '../pricing/costFixture'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

/** 30 contacts in India (Pune) and 10 in Brazil (São Paulo). */
async function setup() {
  t = await startTestEngine(tempDir())
  const lines = ['phone,name,city']
  for (let i = 0; i < 30; i++) lines.push(`+9198${String(30000000 + i)},User ${i},Pune`)
  for (let i = 0; i < 10; i++) lines.push(`+55119${String(70000000 + i)},Cliente ${i},São Paulo`)
  await t.call('contacts.import', { csv: lines.join('\n') })
  const { id: providerId } = await t.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: { latencyMs: 5, ratePerSecond: 50 }
  })
  await t.call('templates.sync', { providerId })
  return providerId
}

const draft = (providerId: string) => ({
  name: 'Diwali',
  providerId,
  template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
  audience: { all: true as const },
  controlGroupPercent: 0,
  conversion: null,
  limit: null,
  ratePerSecond: 20,
  scheduleAt: null
})

describe('campaigns.launchPreview: what the launch confirmation shows', () => {
  it('counts the messages, names the template and its category, prices them per market and times them at the throttle', async () => {
    const providerId = await setup()
    const { id } = await t!.call('campaigns.create', draft(providerId))
    const before = await t!.call('campaigns.launchPreview', { id })
    expect(before).toMatchObject({
      id,
      name: 'Diwali',
      qualified: 40,
      target: 40,
      messages: 40,
      limit: null,
      template: { name: 'diwali_offer', language: 'en', category: 'marketing', status: 'APPROVED' },
      ratePerSecond: 20,
      durationSeconds: 2,
      problems: []
    })
    // No rate card yet: no number, the reason instead.
    expect(before.cost).toMatchObject({ currency: 'USD', amount: null, category: 'marketing' })
    expect(before.cost!.reason).toMatch(/No rate card in USD/)

    await t!.call('pricing.importRateCard', { csv: RATE_CARD_CSV })
    const priced = await t!.call('campaigns.launchPreview', { id })
    // 30 × India marketing 0.01 + 10 × Brazil marketing 0.06.
    expect(priced.cost!.amount).toBeCloseTo(0.9, 10)
    expect(priced.cost!.reason).toBeNull()

    // A control group and a limit cut the messages; the estimate and the time follow them.
    await t!.call('campaigns.update', {
      id,
      draft: { ...draft(providerId), controlGroupPercent: 50, limit: 8, ratePerSecond: 500 },
      version: 1
    })
    const cut = await t!.call('campaigns.launchPreview', { id })
    expect(cut).toMatchObject({ qualified: 40, control: 20, target: 20, messages: 8, limit: 8 })
    // Never above the account's 50/s.
    expect(cut.ratePerSecond).toBe(50)
    expect(cut.durationSeconds).toBe(1)
    expect(cut.cost!.amount).toBeCloseTo(0.9 * (8 / 40), 10)
    // Nothing was sent by asking.
    expect((await t!.call('campaigns.get', { id })).status).toBe('draft')
  })

  it('audience filter values match whatever their case (is, is not)', async () => {
    const providerId = await setup()
    const filtered = (op: 'eq' | 'neq', value: string) => ({
      ...draft(providerId),
      audience: { filter: [{ property: 'city', op, value }] }
    })
    const count = async (op: 'eq' | 'neq', value: string) =>
      (await t!.call('campaigns.preview', { draft: filtered(op, value) })).qualified
    expect(await count('eq', 'pune')).toBe(30)
    expect(await count('eq', 'PUNE')).toBe(30)
    expect(await count('neq', 'pUnE')).toBe(10)
    expect(await count('eq', 'são paulo')).toBe(10)
  })

  it('refuses a campaign that is not a draft', async () => {
    const providerId = await setup()
    const { id } = await t!.call('campaigns.create', draft(providerId))
    await t!.call('campaigns.cancel', { id })
    const result = await t!.engine.invoke('campaigns.launchPreview', { id })
    expect(result.ok ? null : result.error.code).toBe('invalid_state')
  })
})
