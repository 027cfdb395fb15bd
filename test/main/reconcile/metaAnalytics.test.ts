import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { startMetaFake, type MetaFake } from '../../fakes/meta'
import type { FakeDataPoint } from '../../fakes/metaAnalytics'
import { useTestEngines } from '../../helpers/testEngines'
import { drained } from '../callbacks/meta'
import { analyticsSetup, syncMetaOffer, twentyFiveDeliveredTwentyRead } from './accounts'

/**
 * Meta's own template analytics beside ours: fetched from a fake that serves the documented
 * `template_analytics` shape, paged one data point a page; `stats.reconciliation` shows exactly
 * its figures, and Clicked is its URL-button clicks while the campaign is the only sender.
 */
const { start, closeAfter, tempDir } = useTestEngines()

const DAY = 24 * 3600_000
const TEMPLATE_ID = '1924084211297547'
const today = Math.floor(Date.now() / DAY) * DAY
const D1 = today - 2 * DAY
const D2 = today - DAY
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)

function point(day: number, n: Omit<FakeDataPoint, 'template_id' | 'start' | 'end'>) {
  return { template_id: TEMPLATE_ID, start: day / 1000, end: (day + DAY) / 1000, ...n }
}

async function setup(fake: MetaFake) {
  const set = await analyticsSetup(await start(), 'meta', fake, 'offer')
  // The synced template list names Meta's id of the template the campaigns send.
  syncMetaOffer(set.db, set.provider.id, TEMPLATE_ID)
  return set
}

test('stats.reconciliation equals the fake’s template analytics; Clicked is its URL-button clicks, null once shared', async () => {
  const fake = await startMetaFake()
  closeAfter(() => fake.close())
  fake.analytics.pageSize = 1
  fake.analytics.points = [
    point(D1, {
      sent: 30,
      delivered: 27,
      read: 21,
      clicked: [
        { type: 'url_button', button_content: 'Shop now', count: 7 },
        { type: 'quick_reply_button', button_content: 'Stop', count: 2 }
      ]
    }),
    point(D2, {
      sent: 0,
      delivered: 1,
      read: 2,
      clicked: [{ type: 'url_button', button_content: 'Shop now', count: 3 }]
    }),
    // Another template of the WABA: never asked for, never shown.
    { ...point(D1, { sent: 99, delivered: 99, read: 99, clicked: [] }), template_id: '555' }
  ]
  const { t, db, campaign, hookUrl } = await setup(fake)
  const a = campaign(D1 + 10 * 3600_000, 30, '+1555')
  // Our callbacks: 25 delivered (20 of them read) on D1; 5 never reported.
  const events = twentyFiveDeliveredTwentyRead(a.messages, 120_000, true)
  for (const s of await fake.emit(events, { url: hookUrl, batch: true })) expect(s).toBe(200)
  await drained(db)

  expect(await t.call('providers.reconcile', { campaignId: a.campaignId })).toEqual({
    fetched: 2,
    filled: 0
  })
  // One template id a call here (≤ 10), DAILY, the four metrics; each page followed.
  expect(fake.analytics.requests).toHaveLength(2)
  for (const url of fake.analytics.requests) {
    expect(JSON.parse(url.searchParams.get('template_ids')!)).toEqual([TEMPLATE_ID])
    expect(url.searchParams.get('granularity')).toBe('DAILY')
    expect(url.searchParams.get('metric_types')).toBe('["SENT","DELIVERED","READ","CLICKED"]')
    expect(url.searchParams.has('product_type')).toBe(false)
  }

  const rec = await t.call('stats.reconciliation', { campaignId: a.campaignId })
  expect(rec.source).toBe('meta:template_analytics')
  expect(rec.fetchedAt).toEqual(expect.any(Number))
  expect(
    rec.days.map((d) => ({ date: d.date, templateId: d.templateId, provider: d.provider }))
  ).toEqual([
    {
      date: iso(D1),
      templateId: TEMPLATE_ID,
      provider: { sent: 30, delivered: 27, read: 21, clicked: 7 }
    },
    {
      date: iso(D2),
      templateId: TEMPLATE_ID,
      provider: { sent: 0, delivered: 1, read: 2, clicked: 3 }
    }
  ])
  expect(rec.days[0]!.ours).toEqual({ sent: 30, delivered: 25, read: 20, clicked: null })
  expect(rec.days[0]!.sharedWith).toEqual([])
  expect(rec.days[0]!.notes!.join(' ')).toMatch(/5 of our messages still await a report/)
  expect(rec.notes.join(' ')).toMatch(/5 sent messages still await a report/)

  // The summary CSV carries the same numbers, each difference with its reason.
  const path = join(tempDir(), 'summary.csv')
  await t.call('reports.export', { campaignId: a.campaignId, format: 'csv', kind: 'summary', path })
  const csv = readFileSync(path, 'utf8')
  const line = (stat: string) => csv.split('\n').find((l) => l.startsWith(`${stat},`)) ?? ''
  expect(line(`provider.${iso(D1)}.delivered.provider`)).toMatch(
    /",27,5 of our messages still await/
  )
  expect(line(`provider.${iso(D1)}.delivered.ours`)).toMatch(/,25,$/)
  expect(line(`provider.${iso(D2)}.clicked.provider`)).toMatch(/",3,/)

  const sole = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(sole).toMatchObject({ clicked: 7 + 3, clickedReason: null })

  // A second campaign sends the same template from D2: the provider counts both together.
  const b = campaign(D2 + 3600_000, 5, '+1666')
  const shared = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(shared.clicked).toBeNull()
  expect(shared.clickedReason).toMatch(/1 other campaign sent this template on/)
  expect(shared.clickedShared).toBe(3)
  const again = await t.call('stats.reconciliation', { campaignId: a.campaignId })
  expect(again.days.map((d) => d.sharedWith)).toEqual([[], [b.campaignId]])
  expect(again.days[1]!.notes!.join(' ')).toMatch(/other campaign/)
  const funnel = await t.call('stats.funnel', { campaignId: a.campaignId })
  expect(funnel.steps.map((s) => s.name)).not.toContain('clicked')
})

test('analytics off or a region Meta does not serve: recorded, said, never a zero', async () => {
  const fake = await startMetaFake()
  closeAfter(() => fake.close())
  fake.analytics.enabled = false
  const { t, db, campaign } = await setup(fake)
  const a = campaign(D1, 3, '+1777')
  expect(await t.call('providers.reconcile', { campaignId: a.campaignId })).toEqual({
    fetched: 0,
    filled: 0
  })
  // The enable check comes first: no analytics request was made.
  expect(fake.analytics.requests).toHaveLength(0)
  let summary = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(summary.clicked).toBeNull()
  expect(summary.clickedReason).toMatch(/is_enabled_for_insights=true/)
  expect(
    (await t.call('stats.reconciliation', { campaignId: a.campaignId })).notes.join(' ')
  ).toMatch(/WhatsApp Manager/)
  fake.analytics.enabled = true
  fake.analytics.unsupportedRegion = true
  await t.call('providers.reconcile', { campaignId: a.campaignId })
  summary = await t.call('stats.summary', { campaignId: a.campaignId })
  expect(summary.clicked).toBeNull()
  expect(summary.clickedReason).toMatch(/European Union, the United Kingdom or Japan/)
  const outcomes = db
    .prepare(`SELECT outcome FROM provider_fetch WHERE kind = 'analytics' ORDER BY id`)
    .all()
    .map((r) => (r as { outcome: string }).outcome)
  expect(outcomes).toEqual(['not_enabled', 'unsupported'])
})
