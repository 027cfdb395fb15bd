import { expect, test } from 'vitest'
import { startGupshupFake } from '../../fakes/gupshup'
import { startInfobipFake } from '../../fakes/infobip'
import { startMetaFake } from '../../fakes/meta'
import { startTwilioFake } from '../../fakes/twilio'
import type { TestEngine } from '../../helpers/engine'
import { useTestEngines } from '../../helpers/testEngines'
import { analyticsSetup, createAccount, seedSending, sendThrough, syncMetaOffer } from './accounts'

/**
 * The reconciler keeps time by the engine's clock, not the computer's: a lookup's fills are
 * counted at the engine's now, and Clicked takes the campaign's days up to the engine's today.
 * Gupshup's 90-day look-back and Infobip's 48 hours of logs are counted back from the engine's
 * now. The engines here run days away from the wall clock, so `Date.now` would be seen.
 */
const { start, closeAfter } = useTestEngines()

const HOUR = 3600_000
const DAY = 24 * HOUR

async function engineAt(now: number): Promise<TestEngine> {
  return start({ clock: { now: () => now } })
}

/**
 * Three messages sent through the provider's fake an hour before the engine's `now`, whose
 * reports (`status`) never arrived but are in the provider's records; returns the campaign.
 */
async function threeLost(
  t: TestEngine,
  now: number,
  type: 'twilio' | 'infobip',
  fake: Parameters<typeof createAccount>[2] & {
    lose(events: { kind: 'status'; id: string; status: string }[]): void
  },
  status: string
): Promise<string> {
  const { provider, hookUrl } = await createAccount(t, type, fake)
  const { campaignId, ids } = await sendThrough(t, type, {
    providerId: provider.id,
    count: 3,
    sentAt: now - HOUR,
    callbackUrl: hookUrl
  })
  fake.lose(ids.map((id) => ({ kind: 'status' as const, id, status })))
  return campaignId
}

test('a lookup counts its fills at the engine’s time', async () => {
  const now = Date.now() - 3 * DAY
  const t = await engineAt(now)
  const fake = await startTwilioFake()
  closeAfter(() => fake.close())
  const campaignId = await threeLost(t, now, 'twilio', fake, 'delivered')

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
  closeAfter(() => fake.close())
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
  syncMetaOffer(db, provider.id, templateId)
  const { campaignId } = seedSending(
    db,
    { providerId: provider.id, count: 4, sentAt: today - DAY },
    'offer'
  )

  expect(await t.call('providers.reconcile', { campaignId })).toMatchObject({ fetched: 2 })
  const summary = await t.call('stats.summary', { campaignId })
  expect(summary).toMatchObject({ clicked: 2 + 5, clickedReason: null })
})

test('Infobip’s 48 hours of logs are counted back from the engine’s now', async () => {
  // Three days behind the wall clock: by the computer's, these sends left the logs a day ago.
  const now = Date.now() - 3 * DAY
  const t = await engineAt(now)
  const fake = await startInfobipFake()
  closeAfter(() => fake.close())
  const campaignId = await threeLost(t, now, 'infobip', fake, 'DELIVERED')

  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 3, filled: 3 })
  expect(fake.logQueries).toHaveLength(1)
})

test('Gupshup’s 90-day look-back starts 90 days before the engine’s now', async () => {
  // Thirty days behind the wall clock, as is the fake's (it refuses a start over 90 days back).
  const now = Date.now() - 30 * DAY
  const t = await engineAt(now)
  const fake = await startGupshupFake()
  closeAfter(() => fake.close())
  fake.analytics.now = () => now
  const template = '2c679517-6450-4556-abff-a64d1355ee7e'
  const { campaign } = await analyticsSetup(t, 'gupshup', fake, template)
  // Launched 100 days back: the days asked about start at the look-back limit (an hour inside it).
  const { campaignId } = campaign(now - 100 * DAY, 3, '+1555')

  await t.call('providers.reconcile', { campaignId })
  const starts = fake.analytics.requests.map((url) => Number(url.searchParams.get('start')))
  expect(starts[0]).toBe(Math.floor((now - 90 * DAY + HOUR) / 1000))
  expect(starts).toHaveLength(4)
})
