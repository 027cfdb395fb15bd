import { expect, test } from 'vitest'
import { startInfobipFake } from '../../fakes/infobip'
import { statusSources, useFiftySent, withholdTwenty } from './lookupFixture'

/**
 * Infobip posts a delivery report once to the message's notifyUrl; a laptop asleep or a tunnel
 * down loses it. Its WhatsApp message logs still hold the state: `providers.reconcile` reads them
 * for the messages awaiting a report (many ids a request) and applies what they say through the
 * status applier with source `lookup`.
 */
const sendFifty = useFiftySent('infobip', startInfobipFake)

test('20 of 50 delivery reports lost: providers.reconcile fills them from the message logs', async () => {
  const sent = await sendFifty()
  const { fake, t, campaignId, ids, db } = sent
  // 20 reports never arrive: 14 delivered, 3 undeliverable, 3 still pending at Infobip.
  const answered = await withholdTwenty(sent, 'DELIVERED', (i) => ({
    status: i < 14 ? 'DELIVERED' : i < 17 ? 'UNDELIVERABLE' : 'PENDING',
    ...(i >= 14 && i < 17 ? { error: { code: 7001, title: 'EC_UNKNOWN_SUBSCRIBER' } } : {})
  }))
  expect(new Set(answered)).toEqual(new Set([200]))
  expect((await t.call('stats.summary', { campaignId })).awaitingReport).toBe(20)
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(0)

  // 20 records found; 17 hold a report (PENDING is where every message starts, not a report).
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 20, filled: 17 })

  const health = await t.call('callbacks.health', { campaignId })
  expect(health.reconciled).toBe(17)
  expect(health.awaitingReport).toBe(3)
  const summary = await t.call('stats.summary', { campaignId })
  expect(summary.awaitingReport).toBe(3)
  expect(summary.delivered).toBe(30 + 14)
  expect(summary.deliveryErrors).toBe(3)
  const errors = await t.call('stats.errors', { campaignId, kind: 'delivery' })
  expect(errors.groups.map((g) => [g.code, g.count])).toEqual([['7001', 3]])
  const drill = await t.call('stats.errorRecipients', { campaignId, kind: 'delivery' })
  expect(drill.rows.map((r) => r.source)).toEqual(['lookup', 'lookup', 'lookup'])
  const sources = statusSources(db, campaignId)
  expect(sources).toEqual([
    { source: 'callback', n: 30 },
    { source: 'lookup', n: 17 }
  ])
  // One logs request named exactly the 20 awaiting ids, comma-separated within 2,048 characters.
  expect(fake.logQueries).toHaveLength(1)
  expect(fake.logQueries[0]!.get('messageId')!.split(',').sort()).toEqual(ids.slice(30).sort())
  const panel = await t.call('stats.reconciliation', { campaignId })
  expect(panel.source).toBe('infobip:message_logs')
  expect(panel.lookups).toMatchObject({ reconciled: 17, outcome: 'ok' })
  expect(panel.notes.join(' ')).toContain('3 sent messages still await a report')
  expect(panel.notes.join(' ')).toContain('looked up in its message logs, kept 48 hours (17 filled')

  // The 3 still pending are asked again; when Infobip has their reports, they fill too.
  fake.lose(ids.slice(47).map((id) => ({ kind: 'status' as const, id, status: 'DELIVERED' })))
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 3, filled: 3 })
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(20)
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 0, filled: 0 })
})

test('Infobip refusing the logs is recorded, not fatal; messages stay awaiting', async () => {
  const { fake, t, provider, campaignId, ids, db } = await sendFifty()
  fake.lose(ids.map((id) => ({ kind: 'status' as const, id, status: 'DELIVERED' })))
  await t.call('providers.update', { id: provider.id, config: { apiKey: 'revoked-key' } })
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 0, filled: 0 })
  const fetch = db
    .prepare('SELECT kind, trigger, outcome, detail FROM provider_fetch WHERE campaign_id = ?')
    .all(campaignId)
  expect(fetch).toEqual([
    {
      kind: 'lookup',
      trigger: 'demand',
      outcome: 'refused',
      detail: 'HTTP 401: Invalid login details'
    }
  ])
  expect((await t.call('stats.summary', { campaignId })).awaitingReport).toBe(50)
  const panel = await t.call('stats.reconciliation', { campaignId })
  expect(panel.notes.join(' ')).toMatch(/The last fetch .* failed: HTTP 401/)
})

test('messages older than the 48 hours Infobip keeps logs are not asked about', async () => {
  const { fake, t, campaignId, ids, db } = await sendFifty()
  fake.lose(ids.map((id) => ({ kind: 'status' as const, id, status: 'DELIVERED' })))
  const old = ids.slice(0, 10)
  db.prepare(
    `UPDATE message SET sent_at = ? WHERE campaign_id = ? AND provider_message_id IN (${old.map(() => '?').join(',')})`
  ).run(Date.now() - 49 * 3600_000, campaignId, ...old)
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 40, filled: 40 })
  const asked = fake.logQueries.flatMap((q) => q.get('messageId')!.split(','))
  expect(asked.sort()).toEqual(ids.slice(10).sort())
  expect((await t.call('stats.summary', { campaignId })).awaitingReport).toBe(10)
})
