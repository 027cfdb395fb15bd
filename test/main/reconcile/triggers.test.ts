import { expect, test } from 'vitest'
import type { EngineOptions } from '../../../src/main/engine/createEngine'
import { startGupshupFake } from '../../fakes/gupshup'
import { startMetaFake } from '../../fakes/meta'
import { startTwilioFake } from '../../fakes/twilio'
import type { TestEngine } from '../../helpers/engine'
import { startLocaltunnelServer } from '../../helpers/localtunnelServer'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTestEngines } from '../../helpers/testEngines'
import { until } from '../../helpers/until'
import { drained } from '../callbacks/meta'
import { createAccount, seedSending, sendThroughTwilio, syncMetaOffer } from './accounts'

/**
 * When the provider's own records are fetched without anyone asking (spec §6, issue #19 item 2):
 * hourly while a campaign has messages awaiting a report, daily for 7 days after it ends, when an
 * account's callback gap closes, and a minute after a provider's limit held a fetch back. The
 * scheduler decides on the engine's clock, which these tests move by hand, against real fakes.
 */
const { start, closeAfter } = useTestEngines({ fastTunnels: true })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

async function engineAt(clock: { now: () => number }, options: Partial<EngineOptions> = {}) {
  const t = await start({ clock, ...options })
  const fetches = (campaignId: string) =>
    t.engine.db
      .prepare(
        `SELECT kind, trigger, outcome, fetched, filled FROM provider_fetch WHERE campaign_id = ?
         ORDER BY id`
      )
      .all(campaignId) as {
      kind: string
      trigger: string
      outcome: string
      fetched: number
      filled: number
    }[]
  return { t, fetches, tick: () => t.engine.services.reconcile.tick() }
}

async function twilioAccount(t: TestEngine) {
  const fake = await startTwilioFake()
  closeAfter(() => fake.close())
  return { fake, ...(await createAccount(t, 'twilio', fake)) }
}

test('hourly while a campaign has messages awaiting a report, then no more', async () => {
  let now = Date.now()
  const { t, fetches, tick } = await engineAt({ now: () => now })
  const { fake, provider, hookUrl } = await twilioAccount(t)
  const { campaignId, sids } = await sendThroughTwilio(t, {
    providerId: provider.id,
    count: 10,
    sentAt: now - 2 * HOUR,
    callbackUrl: hookUrl
  })
  // Twilio knows 4 delivered whose callbacks were lost; 6 are still queued there.
  fake.lose(sids.slice(0, 4).map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))

  await tick()
  expect(fetches(campaignId)).toEqual([
    { kind: 'lookup', trigger: 'hourly', outcome: 'ok', fetched: 10, filled: 4 }
  ])
  now += 30 * MINUTE
  await tick()
  expect(fetches(campaignId)).toHaveLength(1)

  fake.lose(sids.slice(4).map((id) => ({ kind: 'status' as const, id, status: 'read' })))
  now += 31 * MINUTE
  await tick()
  expect(fetches(campaignId)[1]).toEqual({
    kind: 'lookup',
    trigger: 'hourly',
    outcome: 'ok',
    fetched: 6,
    filled: 6
  })
  expect((await t.call('callbacks.health', { campaignId })).reconciled).toBe(10)
  // Nothing awaits any more and the campaign still runs: no fetch is due.
  now += 3 * HOUR
  await tick()
  expect(fetches(campaignId)).toHaveLength(2)
})

test('daily for 7 days after a campaign ends (analytics lag), then no more', async () => {
  const end = Date.now() - 2 * HOUR
  let now = end + HOUR
  const fake = await startMetaFake()
  closeAfter(() => fake.close())
  const { t, fetches, tick } = await engineAt({ now: () => now })
  const { provider, hookUrl } = await createAccount(t, 'meta', fake)
  const db = t.engine.db
  syncMetaOffer(db, provider.id, '1924084211297547')
  const { campaignId, messages } = seedCampaign(db, {
    providerId: provider.id,
    count: 5,
    sentAt: end - HOUR
  })
  db.prepare(
    `UPDATE campaign SET draft = ?, status = 'completed', completed_at = ? WHERE id = ?`
  ).run(
    JSON.stringify({ template: { name: 'offer', language: 'en', params: [] } }),
    end,
    campaignId
  )
  // Every report came: only the analytics lag keeps it due.
  const delivered = messages.map((m) => ({
    kind: 'status' as const,
    id: m.providerMessageId!,
    status: 'delivered',
    at: m.sentAt + 1000,
    to: m.phone
  }))
  for (const s of await fake.emit(delivered, { url: hookUrl, batch: true })) expect(s).toBe(200)
  await drained(db)

  const asked = () => fake.analytics.requests.length
  await tick()
  expect(fetches(campaignId)).toEqual([
    { kind: 'analytics', trigger: 'daily', outcome: 'ok', fetched: 0, filled: 0 }
  ])
  expect(asked()).toBe(1)
  for (const step of [5 * HOUR, 12 * HOUR]) {
    now += step
    await tick()
  }
  expect(asked()).toBe(1)
  now += 7 * HOUR // a day after the first fetch
  await tick()
  expect(asked()).toBe(2)
  for (let day = 2; day <= 9; day++) {
    now = end + HOUR + day * DAY
    await tick()
  }
  // Days 2 to 6 after the end fetched once each; from day 7 on the campaign is left alone.
  expect(fetches(campaignId).map((f) => f.trigger)).toEqual(Array(7).fill('daily'))
  expect(asked()).toBe(7)
})

test('when a callback gap closes: the reports lost in it are fetched back, per account', async () => {
  const lt = await startLocaltunnelServer()
  closeAfter(() => lt.close())
  const clock = { now: () => Date.now() }
  const { t, fetches } = await engineAt(clock, { settings: { reconcileGapSettleMs: 50 } })
  const a = await twilioAccount(t)
  const b = await twilioAccount(t)
  const up = await t.call('tunnel.start', { host: lt.host })
  const sent = await sendThroughTwilio(t, {
    providerId: a.provider.id,
    count: 6,
    sentAt: Date.now() - 10 * MINUTE,
    callbackUrl: a.hookUrl
  })
  const other = await sendThroughTwilio(t, {
    providerId: b.provider.id,
    count: 3,
    sentAt: Date.now() - 10 * MINUTE,
    callbackUrl: b.hookUrl,
    phonePrefix: '+1666'
  })
  expect(fetches(sent.campaignId)).toEqual([])

  const firstFetches = (what: string, campaignId: string) =>
    until(what, () => (fetches(campaignId).length ? fetches(campaignId) : undefined), 20_000)

  // The tunnel drops: callbacks cannot arrive (a gap opens); meanwhile Twilio delivers.
  lt.refuseNew('over capacity')
  lt.drop(up.subdomain!)
  await until(
    'the gap to open',
    async () => {
      const { gaps } = await t.call('registration.campaign', { campaignId: sent.campaignId })
      return gaps.length ? true : undefined
    },
    20_000
  )
  a.fake.lose(sent.sids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))
  b.fake.lose(other.sids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))
  lt.refuseNew(null)

  const fetched = await firstFetches('the fetch after the gap closed', sent.campaignId)
  expect(fetched).toEqual([
    { kind: 'lookup', trigger: 'gap_closed', outcome: 'ok', fetched: 6, filled: 6 }
  ])
  const { gaps } = await t.call('registration.campaign', { campaignId: sent.campaignId })
  expect(gaps[0]!.to).not.toBeNull()
  // The other account's gap closed too (the tunnel carried both): its campaign as well.
  const theirs = await firstFetches('the other account’s fetch', other.campaignId)
  expect(theirs).toEqual([
    { kind: 'lookup', trigger: 'gap_closed', outcome: 'ok', fetched: 3, filled: 3 }
  ])
  expect((await t.call('callbacks.health', { campaignId: sent.campaignId })).reconciled).toBe(6)
})

test('a provider that refuses or cannot be reached is recorded and the pass goes on', async () => {
  const now = Date.now()
  const { t, fetches, tick } = await engineAt({ now: () => now })
  const gone = await twilioAccount(t)
  const refusing = await twilioAccount(t)
  const fine = await twilioAccount(t)
  const campaigns = []
  for (const [i, account] of [gone, refusing, fine].entries()) {
    const { campaignId, sids } = await sendThroughTwilio(t, {
      providerId: account.provider.id,
      count: 2,
      sentAt: now - 2 * HOUR,
      callbackUrl: account.hookUrl,
      phonePrefix: `+177${i}`
    })
    account.fake.lose(sids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))
    campaigns.push(campaignId)
  }
  await gone.fake.close()
  await t.call('providers.update', {
    id: refusing.provider.id,
    config: { authToken: 'revoked-token' }
  })

  await tick()
  const [unreachable, refused, ok] = campaigns.map((id) => fetches(id))
  expect(unreachable).toEqual([
    { kind: 'lookup', trigger: 'hourly', outcome: 'unreachable', fetched: 0, filled: 0 }
  ])
  expect(refused).toEqual([
    { kind: 'lookup', trigger: 'hourly', outcome: 'refused', fetched: 0, filled: 0 }
  ])
  expect(ok).toEqual([{ kind: 'lookup', trigger: 'hourly', outcome: 'ok', fetched: 2, filled: 2 }])
  // Said in the panel's notes of the campaign it concerns.
  const rec = await t.call('stats.reconciliation', { campaignId: campaigns[1]! })
  expect(rec.notes.join(' ')).toMatch(/The last fetch .* failed: HTTP 401/)
})

test('a fetch a provider’s rate limit held back goes again a minute later, the others wait their hour', async () => {
  let now = Date.now()
  const fake = await startGupshupFake()
  closeAfter(() => fake.close())
  fake.analytics.now = () => now
  const { t, fetches, tick } = await engineAt({ now: () => now })
  const { provider } = await createAccount(t, 'gupshup', fake)
  const db = t.engine.db
  // Six campaigns of one app, each with messages awaiting a report: all due at once.
  const ids = Array.from({ length: 6 }, (_, i) => {
    const { campaignId } = seedSending(
      db,
      { providerId: provider.id, count: 2, sentAt: now - 2 * HOUR, phonePrefix: `+188${i}` },
      `gs-template-${i}`
    )
    return campaignId
  })
  await tick()
  const outcomes = () => ids.map((id) => fetches(id).map((f) => `${f.trigger}:${f.outcome}`))
  expect(outcomes()).toEqual([...Array(5).fill(['hourly:ok']), ['hourly:rate_limited']])
  expect(fake.analytics.requests).toHaveLength(5)
  now += 30_000
  await tick()
  expect(fake.analytics.requests).toHaveLength(5)
  now += 31_000
  await tick()
  expect(outcomes()).toEqual([
    ...Array(5).fill(['hourly:ok']),
    ['hourly:rate_limited', 'hourly:ok']
  ])
  expect(fake.analytics.requests).toHaveLength(6)
})
