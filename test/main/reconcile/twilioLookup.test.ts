import { expect, test } from 'vitest'
import { startTwilioFake } from '../../fakes/twilio'
import { statusSources, useFiftySent, withholdTwenty } from './lookupFixture'

/**
 * Twilio retries a status callback little; a laptop asleep or a tunnel down loses it. The
 * Message resource still knows the state: `providers.reconcile` looks up each message awaiting a
 * report and applies what Twilio says through the status applier with source `lookup`.
 */
const sendFifty = useFiftySent('twilio', startTwilioFake)

test('20 of 50 status callbacks lost: providers.reconcile fills them from the Message resource', async () => {
  const sent = await sendFifty()
  const { t, campaignId, db } = sent
  // 30 reports arrive; 20 are lost on the way (12 delivered, 5 read, 3 undelivered 63016).
  const answered = await withholdTwenty(sent, 'delivered', (i) => ({
    status: i < 12 ? 'delivered' : i < 17 ? 'read' : 'undelivered',
    ...(i >= 17 ? { error: { code: 63016, title: 'Outside the allowed window' } } : {})
  }))
  expect(new Set(answered)).toEqual(new Set([200]))
  const before = await t.call('stats.summary', { campaignId })
  expect(before.awaitingReport).toBe(20)
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(0)

  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 20, filled: 20 })

  const health = await t.call('callbacks.health', { campaignId })
  expect(health.reconciled).toBe(20)
  expect(health.awaitingReport).toBe(0)
  const summary = await t.call('stats.summary', { campaignId })
  expect(summary.awaitingReport).toBe(0)
  expect(summary.delivered).toBe(30 + 12 + 5)
  expect(summary.viewed).toBe(5)
  expect(summary.deliveryErrors).toBe(3)
  const errors = await t.call('stats.errors', { campaignId, kind: 'delivery' })
  expect(errors.groups.map((g) => [g.code, g.count])).toEqual([['63016', 3]])
  // The drill-down says these failures came from a lookup, not a callback.
  const drill = await t.call('stats.errorRecipients', { campaignId, kind: 'delivery' })
  expect(drill.rows.map((r) => r.source)).toEqual(['lookup', 'lookup', 'lookup'])
  // The lookups were GETs of exactly the 20 lost messages' resources.
  const sources = statusSources(db, campaignId)
  expect(sources).toEqual([
    { source: 'callback', n: 30 },
    { source: 'lookup', n: 20 }
  ])
  // Nothing awaits any more: a second reconcile asks nothing and changes nothing.
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 0, filled: 0 })
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(20)
})

test('a provider that refuses the lookup is recorded, not fatal; messages stay awaiting', async () => {
  const { fake, t, provider, campaignId, ids, db } = await sendFifty()
  fake.lose(ids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))
  await t.call('providers.update', { id: provider.id, config: { authToken: 'revoked-token' } })
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 0, filled: 0 })
  const fetch = db
    .prepare('SELECT kind, trigger, outcome, detail FROM provider_fetch WHERE campaign_id = ?')
    .all(campaignId) as { kind: string; trigger: string; outcome: string; detail: string }[]
  expect(fetch).toHaveLength(1)
  expect(fetch[0]).toMatchObject({ kind: 'lookup', trigger: 'demand', outcome: 'refused' })
  expect(fetch[0]!.detail).toContain('HTTP 401')
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(0)
  expect((await t.call('stats.summary', { campaignId })).awaitingReport).toBe(50)
  await expect(t.call('providers.reconcile', { campaignId: 'nope' })).rejects.toThrow(/not_found/)
})
