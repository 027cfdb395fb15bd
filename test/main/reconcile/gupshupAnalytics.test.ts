import { expect, test } from 'vitest'
import { startGupshupFake, type GupshupFake } from '../../fakes/gupshup'
import type { FakeGupshupEntry } from '../../fakes/gupshupAnalytics'
import { useTestEngines } from '../../helpers/testEngines'
import { drained } from '../callbacks/meta'
import { analyticsSetup, twentyFiveDeliveredTwentyRead } from './accounts'

/**
 * Gupshup's partner template analytics beside ours: one template a call, days in IST, at most 5
 * calls a minute per app across campaigns. A message sent at 01:00 IST belongs to that IST day
 * (the UTC day before), so ours are counted by IST day too and the figures agree.
 */
const { start, closeAfter } = useTestEngines()

const DAY = 24 * 3600_000
const IST = 5.5 * 3600_000
const GS_TEMPLATE = '2c679517-6450-4556-abff-a64d1355ee7e'
/** Start of the IST day `back` days before today's. */
const istDay = (back: number) => Math.floor((Date.now() + IST) / DAY) * DAY - IST - back * DAY
const istDate = (start: number) => new Date(start + IST).toISOString().slice(0, 10)
const D1 = istDay(2)
const D2 = istDay(1)

function entry(start: number, n: Omit<FakeGupshupEntry, 'template_id' | 'start' | 'end'>) {
  return { template_id: GS_TEMPLATE, start: start / 1000, end: (start + DAY) / 1000, ...n }
}

// Gupshup sends name a template by its own id, which its analytics take too.
const setup = async (fake: GupshupFake, clock?: { now: () => number }) =>
  analyticsSetup(await start(clock ? { clock } : {}), 'gupshup', fake, GS_TEMPLATE)

test('stats.reconciliation equals Gupshup’s IST-day analytics; Clicked is its URL-button clicks', async () => {
  const fake = await startGupshupFake()
  closeAfter(() => fake.close())
  fake.analytics.entries = [
    entry(D1, {
      sent: 30,
      delivered: 27,
      read: 21,
      clicked: [
        { type: 'url_button', button_content: 'imgurl1', count: 7 },
        { type: 'quick_reply', button_content: 'Stop', count: 2 }
      ]
    }),
    entry(D2, {
      sent: 0,
      delivered: 1,
      read: 2,
      clicked: [{ type: 'url_button', button_content: 'imgurl1', count: 3 }]
    }),
    { ...entry(D1, { sent: 99, delivered: 99, read: 99, clicked: [] }), template_id: 'other' }
  ]
  const { t, db, campaign, hookUrl } = await setup(fake)
  // Sent at 01:00 IST on D1: 19:30 UTC on the day before.
  const a = campaign(D1 + 3600_000, 30, '+1555')
  const events = twentyFiveDeliveredTwentyRead(a.messages, 9e4)
  for (const s of await fake.emit(events, { url: hookUrl })) expect(s).toBe(200)
  await drained(db)

  expect(await t.call('providers.reconcile', { campaignId: a.campaignId })).toEqual({
    fetched: 2,
    filled: 0
  })
  // One call: one template, DAILY, the four metrics, a window whose IST days fit one page.
  expect(fake.analytics.requests).toHaveLength(1)
  const q = fake.analytics.requests[0]!.searchParams
  expect(q.get('template_ids')).toBe(GS_TEMPLATE)
  expect(q.get('granularity')).toBe('DAILY')
  expect(q.get('metric_types')).toBe('SENT,DELIVERED,READ,CLICKED')
  expect(q.get('limit')).toBe('30')
  expect(Number(q.get('start'))).toBeLessThanOrEqual(D1 / 1000)

  const rec = await t.call('stats.reconciliation', { campaignId: a.campaignId })
  expect(rec.source).toBe('gupshup:template_analytics')
  expect(rec.days.map((d) => [d.date, d.templateId, d.provider, d.ours, d.sharedWith])).toEqual([
    [
      istDate(D1),
      GS_TEMPLATE,
      { sent: 30, delivered: 27, read: 21, clicked: 7 },
      { sent: 30, delivered: 25, read: 20, clicked: null },
      []
    ],
    [
      istDate(D2),
      GS_TEMPLATE,
      { sent: 0, delivered: 1, read: 2, clicked: 3 },
      { sent: 0, delivered: 0, read: 0, clicked: null },
      []
    ]
  ])
  expect(rec.days[0]!.notes!.join(' ')).toContain('5 of our messages still await a report')
  expect(rec.notes.join(' ')).toContain("The provider's days are Asia/Kolkata days")
  const summary = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(summary.clicked).toBe(10)

  // A second campaign sending the same template on D2: Clicked is null with the reason.
  const b = campaign(D2 + 2 * 3600_000, 5, '+1556')
  const shared = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(shared.clicked).toBeNull()
  expect(shared.clickedReason).toContain(istDate(D2))
  expect(shared.clickedShared).toBe(3)
  const recShared = await t.call('stats.reconciliation', { campaignId: a.campaignId })
  expect(recShared.days[1]!.sharedWith).toEqual([b.campaignId])
})

test('5 calls a minute per app across campaigns: the sixth waits, recorded, and goes a minute later', async () => {
  let now = Date.now()
  const clock = { now: () => now }
  const fake = await startGupshupFake()
  closeAfter(() => fake.close())
  fake.analytics.now = clock.now
  fake.analytics.entries = [entry(D1, { sent: 3, delivered: 3, read: 1, clicked: [] })]
  const { t, db, campaign } = await setup(fake, clock)
  const ids = Array.from({ length: 6 }, (_, i) => campaign(D1 + 3600_000, 3, `+155${i}`).campaignId)
  for (const id of ids.slice(0, 5))
    expect(await t.call('providers.reconcile', { campaignId: id })).toEqual({
      fetched: 1,
      filled: 0
    })
  expect(await t.call('providers.reconcile', { campaignId: ids[5]! })).toEqual({
    fetched: 0,
    filled: 0
  })
  // Never sent: Gupshup would have refused it (429).
  expect(fake.analytics.requests).toHaveLength(5)
  const last = db
    .prepare(
      `SELECT outcome, detail FROM provider_fetch WHERE campaign_id = ? AND kind = 'analytics'`
    )
    .get(ids[5]) as { outcome: string; detail: string }
  expect(last.outcome).toBe('rate_limited')
  expect(last.detail).toMatch(/5 template analytics calls a minute per app/)
  const rec = await t.call('stats.reconciliation', { campaignId: ids[5]! })
  expect(rec.notes.join(' ')).toMatch(/failed: Gupshup allows 5 template analytics calls a minute/)

  now += 61_000
  expect(await t.call('providers.reconcile', { campaignId: ids[5]! })).toEqual({
    fetched: 1,
    filled: 0
  })
  expect(fake.analytics.requests).toHaveLength(6)
})

test('analytics not enabled on the app: recorded with how to enable them, never a zero', async () => {
  const fake = await startGupshupFake()
  closeAfter(() => fake.close())
  fake.analytics.enabled = false
  const { t, db, campaign } = await setup(fake)
  const a = campaign(D1 + 3600_000, 3, '+1555')
  expect(await t.call('providers.reconcile', { campaignId: a.campaignId })).toEqual({
    fetched: 0,
    filled: 0
  })
  const fetch = db
    .prepare(`SELECT outcome, detail FROM provider_fetch WHERE campaign_id = ?`)
    .get(a.campaignId) as { outcome: string; detail: string }
  expect(fetch.outcome).toBe('not_enabled')
  expect(fetch.detail).toContain('/partner/app/{appId}/template/analytics (enable=true)')
  const rec = await t.call('stats.reconciliation', { campaignId: a.campaignId })
  expect(rec.days).toEqual([])
  const summary = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(summary.clicked).toBeNull()
  expect(summary.clickedReason).toContain('Turn on template analytics for this Gupshup app')
})

test('a campaign older than Gupshup’s 90 days is asked about its last 90 days, in windows of one page', async () => {
  const fake = await startGupshupFake()
  closeAfter(() => fake.close())
  fake.analytics.entries = [entry(D1, { sent: 2, delivered: 2, read: 0, clicked: [] })]
  const { t, db, campaign } = await setup(fake)
  const a = campaign(Date.now() - 100 * DAY, 2, '+1557')
  expect(await t.call('providers.reconcile', { campaignId: a.campaignId })).toEqual({
    fetched: 1,
    filled: 0
  })
  const outcome = db
    .prepare(`SELECT outcome FROM provider_fetch WHERE campaign_id = ?`)
    .get(a.campaignId) as { outcome: string }
  expect(outcome.outcome).toBe('ok')
  // 90 days in 29-day windows: 4 calls, none starting beyond the 90 days (Gupshup's 400).
  const starts = fake.analytics.requests.map((u) => Number(u.searchParams.get('start')))
  expect(starts).toHaveLength(4)
  for (const s of starts) expect(s).toBeGreaterThan(Date.now() / 1000 - 90 * 86_400)
})
