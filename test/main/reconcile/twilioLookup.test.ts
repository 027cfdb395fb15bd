import { afterEach, expect, test } from 'vitest'
import { startTwilioFake } from '../../fakes/twilio'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { drained } from '../callbacks/meta'
import { createAccount, sendThroughTwilio } from './accounts'

/**
 * Twilio retries a status callback little; a laptop asleep or a tunnel down loses it. The
 * Message resource still knows the state: `providers.reconcile` looks up each message awaiting a
 * report and applies what Twilio says through the status applier with source `lookup`.
 */
const tempDir = useTempDirs()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function sendFifty() {
  const fake = await startTwilioFake()
  closers.push(() => fake.close())
  const t: TestEngine = await startTestEngine(tempDir())
  closers.push(() => t.engine.close())
  const { provider, hookUrl } = await createAccount(t, 'twilio', fake)
  const db = t.engine.db
  const sentAt = Date.now() - 3600_000
  const { campaignId, sids } = await sendThroughTwilio(t, {
    providerId: provider.id,
    count: 50,
    sentAt,
    callbackUrl: hookUrl
  })
  return { fake, t, provider, campaignId, sids, hookUrl, sentAt, db }
}

test('20 of 50 status callbacks lost: providers.reconcile fills them from the Message resource', async () => {
  const { fake, t, campaignId, sids, hookUrl, sentAt, db } = await sendFifty()
  const at = (i: number) => sentAt + 5000 + i
  // 30 reports arrive; 20 are lost on the way (12 delivered, 5 read, 3 undelivered 63016).
  const arrived = sids.slice(0, 30).map((id, i) => ({
    kind: 'status' as const,
    id,
    status: 'delivered',
    at: at(i)
  }))
  expect(new Set(await fake.emit(arrived, { url: hookUrl }))).toEqual(new Set([200]))
  const lost = sids.slice(30).map((id, i) => ({
    kind: 'status' as const,
    id,
    status: i < 12 ? 'delivered' : i < 17 ? 'read' : 'undelivered',
    at: at(30 + i),
    ...(i >= 17 ? { error: { code: 63016, title: 'Outside the allowed window' } } : {})
  }))
  fake.lose(lost)
  await drained(db)
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
  const sources = db
    .prepare(
      `SELECT l.source, COUNT(*) AS n FROM message_status_log l JOIN message m ON m.id = l.message_id
       WHERE m.campaign_id = ? GROUP BY l.source ORDER BY l.source`
    )
    .all(campaignId)
  expect(sources).toEqual([
    { source: 'callback', n: 30 },
    { source: 'lookup', n: 20 }
  ])
  // Nothing awaits any more: a second reconcile asks nothing and changes nothing.
  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 0, filled: 0 })
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(20)
})

test('a provider that refuses the lookup is recorded, not fatal; messages stay awaiting', async () => {
  const { fake, t, provider, campaignId, sids, db } = await sendFifty()
  fake.lose(sids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))
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
