import { afterEach, expect, test } from 'vitest'
import { startMetaFake } from '../../fakes/meta'
import { startTwilioFake } from '../../fakes/twilio'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'
import { createAccount, sendThroughTwilio } from './accounts'

/**
 * The reconciler keeps time by the engine's clock, not the computer's: a lookup's fills are
 * counted at the engine's now, and Clicked takes the campaign's days up to the engine's today.
 * Both engines here run days away from the wall clock, so `Date.now` would be seen.
 */
const tempDir = useTempDirs()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const HOUR = 3600_000
const DAY = 24 * HOUR

async function engineAt(now: number): Promise<TestEngine> {
  const t = await startTestEngine(tempDir(), { clock: { now: () => now } })
  closers.push(() => t.engine.close())
  return t
}

test('a lookup counts its fills at the engine’s time', async () => {
  const now = Date.now() - 3 * DAY
  const t = await engineAt(now)
  const fake = await startTwilioFake()
  closers.push(() => fake.close())
  const { provider, hookUrl } = await createAccount(t, 'twilio', fake)
  const { campaignId, sids } = await sendThroughTwilio(t, {
    providerId: provider.id,
    count: 3,
    sentAt: now - HOUR,
    callbackUrl: hookUrl
  })
  fake.lose(sids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))

  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 3, filled: 3 })
  const counter = t.engine.db
    .prepare('SELECT filled, last_at FROM lookup_counter WHERE campaign_id = ?')
    .get(campaignId)
  expect(counter).toEqual({ filled: 3, last_at: now })
})

test('Clicked takes the campaign’s days up to the engine’s today', async () => {
  // A month ahead of the wall clock: by the computer's today the campaign has not started.
  const now = Math.floor(Date.now() / DAY) * DAY + 30 * DAY + 12 * HOUR
  const today = Math.floor(now / DAY) * DAY
  const t = await engineAt(now)
  const fake = await startMetaFake()
  closers.push(() => fake.close())
  const templateId = '1924084211297547'
  const day = (start: number, clicks: number) => ({
    template_id: templateId,
    start: start / 1000,
    end: (start + DAY) / 1000,
    sent: 4,
    delivered: 4,
    read: 2,
    clicked: [{ type: 'url_button' as const, button_content: 'Shop now', count: clicks }]
  })
  fake.analytics.points = [day(today - DAY, 2), day(today, 5)]
  const { provider } = await createAccount(t, 'meta', fake)
  const db = t.engine.db
  db.prepare(
    `INSERT INTO template (provider_id, name, language, external_id, category, status, components, variables, updated_at)
     VALUES (?, 'offer', 'en', ?, 'marketing', 'APPROVED', '[]', '[]', 0)`
  ).run(provider.id, templateId)
  const { campaignId } = seedCampaign(db, {
    providerId: provider.id,
    count: 4,
    sentAt: today - DAY
  })
  db.prepare(`UPDATE campaign SET draft = ? WHERE id = ?`).run(
    JSON.stringify({ template: { name: 'offer', language: 'en', params: [] } }),
    campaignId
  )

  expect(await t.call('providers.reconcile', { campaignId })).toMatchObject({ fetched: 2 })
  const summary = await t.call('stats.summary', { campaignId })
  expect(summary).toMatchObject({ clicked: 2 + 5, clickedReason: null })
})
