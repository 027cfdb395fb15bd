import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../src/main/db/openDb'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign, type SeededMessage } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'
import { META_CONFIG, drained, inboundBody, postMeta, statusBody, type MetaStatus } from './meta'

type Status = MetaStatus['status']
// Each message gets one of these histories (what the provider reports, in provider time order).
const SCENARIOS: Status[][] = [
  [],
  ['sent'],
  ['sent', 'delivered'],
  ['sent', 'delivered', 'read'],
  ['sent', 'read'], // read without delivered
  ['read'],
  ['failed'],
  ['sent', 'failed'],
  ['failed', 'delivered'], // a late delivered beats the failure
  ['sent', 'failed', 'read']
]
const COUNT = 120
const SENT_AT = Date.UTC(2026, 10, 1, 8) // long before "now": no-report rows count as awaiting
const FAILURE = {
  code: 131049,
  title: 'This message was not delivered to maintain healthy ecosystem engagement.'
}

function historyOf(m: SeededMessage, i: number): MetaStatus[] {
  return SCENARIOS[i % SCENARIOS.length]!.map((status, k) => ({
    id: m.providerMessageId ?? `wamid.unknown-to-us-${i}`,
    status,
    at: m.sentAt + 1000 * (k + 1) + 1000 * (i % 7),
    recipient: m.phone,
    ourId: m.ourId,
    ...(status === 'failed' ? { error: FAILURE } : {})
  }))
}

/** Ground truth straight from the scenarios: what each count must be after any arrival order. */
function truth() {
  const t = { delivered: 0, viewed: 0, failed: 0, awaiting: 0, sentOnly: 0 }
  for (let i = 0; i < COUNT; i++) {
    const s = new Set(SCENARIOS[i % SCENARIOS.length])
    if (s.has('read')) t.viewed++
    if (s.has('read') || s.has('delivered')) t.delivered++
    else if (s.has('failed')) t.failed++
    else if (s.has('sent')) t.sentOnly++
    else t.awaiting++
  }
  return t
}

function counts(db: Db) {
  const n = (where: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM message WHERE ${where}`).get() as { n: number }).n
  return {
    delivered: n("status IN ('delivered', 'read')"),
    viewed: n("status = 'read'"),
    failed: n("status = 'failed'"),
    awaiting: n('status IS NULL'),
    sentOnly: n("status = 'sent'")
  }
}

function snapshot(db: Db) {
  return db
    .prepare(
      `SELECT our_id, provider_message_id, status, status_sent_at, delivered_at, read_at, failed_at,
              failure_code, failure_title FROM message ORDER BY our_id`
    )
    .all()
}

describe('callback processing', () => {
  const tempDir = useTempDirs()
  const open: TestEngine[] = []
  afterEach(async () => {
    for (const t of open.splice(0)) await t.engine.close()
  })

  async function setup() {
    const t = (await startTestEngine(tempDir())) as TestEngine
    open.push(t)
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: META_CONFIG
    })
    return { t, provider, db: t.engine.db, hooks: t.engine.hooksBase()! }
  }

  it('gives the ground truth whatever the order, with duplicates, in 20 different orders', async () => {
    const snapshots: unknown[] = []
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (shuffleSeed) => {
        const { t, provider, db, hooks } = await setup()
        // Every 7th row has no provider id stored: matched by our id echoed back, then filled.
        const { messages, campaignId } = seedCampaign(db, {
          providerId: provider.id,
          count: COUNT,
          sentAt: SENT_AT,
          withoutProviderIdEvery: 7,
          campaignId: 'campaign-property-test'
        })
        const events = messages.flatMap((m, i) =>
          historyOf({ ...m, providerMessageId: m.providerMessageId ?? `wamid.${m.ourId}` }, i)
        )
        const rand = mulberry32(shuffleSeed)
        // 10% duplicates (Meta retries), then a shuffle, then batches of 1–8 statuses per POST.
        const all = [...events, ...events.filter(() => rand() < 0.1)]
        shuffle(all, rand)
        const batches: MetaStatus[][] = []
        for (let k = 0; k < all.length;) {
          const size = 1 + Math.floor(rand() * 8)
          batches.push(all.slice(k, k + size))
          k += size
        }
        const statuses = await inParallel(batches, 6, (b) =>
          postMeta(hooks, provider.callbackPath, statusBody(b))
        )
        expect(statuses.every((s) => s === 200)).toBe(true)
        await drained(db)
        expect(counts(db)).toEqual(truth())
        const health = await t.call('callbacks.health', { campaignId })
        expect(health.awaitingReport).toBe(truth().awaiting)
        expect(health.unmatched).toBe(0)
        expect(health.received).toBe(all.length)
        snapshots.push(snapshot(db))
        await t.engine.close()
        open.splice(open.indexOf(t), 1)
      }),
      { seed: 20261127, numRuns: 20 }
    )
    expect(snapshots).toHaveLength(20)
    for (const s of snapshots) expect(s).toEqual(snapshots[0])
    // The provider id was filled in for rows matched by our id, and failures carry their code.
    const first = snapshots[0] as {
      provider_message_id: string | null
      status: string
      failure_code: string | null
    }[]
    expect(first.every((r) => r.status === null || r.provider_message_id !== null)).toBe(true)
    expect(
      first.filter((r) => r.status === 'failed').every((r) => r.failure_code === '131049')
    ).toBe(true)
  })

  it('keeps a failure in the status log when a later delivered wins', async () => {
    const { provider, db, hooks } = await setup()
    const { messages } = seedCampaign(db, { providerId: provider.id, count: 1, sentAt: SENT_AT })
    const m = messages[0]!
    const id = m.providerMessageId!
    const failed = {
      id,
      status: 'failed' as const,
      at: SENT_AT + 2000,
      recipient: m.phone,
      error: FAILURE
    }
    const delivered = { id, status: 'delivered' as const, at: SENT_AT + 5000, recipient: m.phone }
    expect(await postMeta(hooks, provider.callbackPath, statusBody([delivered]))).toBe(200)
    expect(await postMeta(hooks, provider.callbackPath, statusBody([failed]))).toBe(200)
    await drained(db)
    expect(db.prepare('SELECT status, failure_code, failed_at FROM message').get()).toEqual({
      status: 'delivered',
      failure_code: null,
      failed_at: null
    })
    expect(
      db.prepare('SELECT status, error_code FROM message_status_log ORDER BY status').all()
    ).toEqual([
      { status: 'delivered', error_code: null },
      { status: 'failed', error_code: '131049' }
    ])
  })

  it('counts unknown ids as unmatched and applies them once the message exists', async () => {
    const { t, provider, db, hooks } = await setup()
    const { messages } = seedCampaign(db, { providerId: provider.id, count: 1, sentAt: SENT_AT })
    const m = messages[0]!
    db.prepare('UPDATE message SET provider_message_id = NULL WHERE id = ?').run(m.id)
    const body = statusBody([
      { id: 'wamid.late', status: 'read', at: SENT_AT + 9000, recipient: m.phone }
    ])
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    await drained(db)
    expect((await t.call('callbacks.health', { providerId: provider.id })).unmatched).toBe(1)
    // The send response that stores the provider id arrives after the callback (a real race).
    db.prepare('UPDATE message SET provider_message_id = ? WHERE id = ?').run('wamid.late', m.id)
    // Unmatched statuses are retried every 5 s (on the processor's 1 s timer).
    const until = Date.now() + 15_000
    while ((await t.call('callbacks.health', { providerId: provider.id })).unmatched > 0) {
      if (Date.now() > until) throw new Error('the unmatched status was never retried')
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(db.prepare('SELECT status FROM message').get()).toEqual({ status: 'read' })
  })

  it('prunes applied inbox rows after the retention, keeping counters and message state', async () => {
    const { t, provider, db, hooks } = await setup()
    const { messages } = seedCampaign(db, { providerId: provider.id, count: 1, sentAt: SENT_AT })
    const m = messages[0]!
    const body = statusBody([
      { id: m.providerMessageId!, status: 'read', at: SENT_AT + 1000, recipient: m.phone }
    ])
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    await drained(db)
    const processor = t.engine.services.callbacks.processor
    expect(processor.prune(Date.now())).toBe(0)
    expect(processor.prune(Date.now() + 31 * 24 * 3600_000)).toBe(1)
    expect(db.prepare('SELECT COUNT(*) AS n FROM callback_inbox').get()).toEqual({ n: 0 })
    expect((await t.call('callbacks.health', { providerId: provider.id })).received).toBe(1)
    expect(db.prepare('SELECT status FROM message').get()).toEqual({ status: 'read' })
  })

  it('marks an inbox row that cannot be applied with its error and applies the rest', async () => {
    const { provider, db, hooks } = await setup()
    const { messages } = seedCampaign(db, { providerId: provider.id, count: 2, sentAt: SENT_AT })
    // A damaged row (not our JSON) sits between good callbacks.
    db.prepare(
      "INSERT INTO callback_inbox (provider_id, received_at, raw_body, events) VALUES (?, ?, x'00', 'not json')"
    ).run(provider.id, Date.now())
    for (const m of messages)
      expect(
        await postMeta(
          hooks,
          provider.callbackPath,
          statusBody([
            {
              id: m.providerMessageId!,
              status: 'delivered',
              at: SENT_AT + 5000,
              recipient: m.phone
            }
          ])
        )
      ).toBe(200)
    await drained(db)
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM message WHERE status = 'delivered'").get()
    ).toEqual({ n: 2 })
    const bad = db.prepare('SELECT error FROM callback_inbox WHERE error IS NOT NULL').all()
    expect(bad).toHaveLength(1)
  })

  it('resolves an outcome-unknown row when a status proves it was sent', async () => {
    const { provider, db, hooks } = await setup()
    const { messages } = seedCampaign(db, { providerId: provider.id, count: 1, sentAt: SENT_AT })
    const m = messages[0]!
    db.prepare(
      "UPDATE message SET dispatch_state = 'unknown', provider_message_id = NULL, sent_at = NULL WHERE id = ?"
    ).run(m.id)
    const body = statusBody([
      {
        id: 'wamid.recovered',
        status: 'delivered',
        at: SENT_AT + 3000,
        recipient: m.phone,
        ourId: m.ourId
      }
    ])
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    await drained(db)
    expect(
      db.prepare('SELECT dispatch_state, provider_message_id, sent_at, status FROM message').get()
    ).toEqual({
      dispatch_state: 'sent',
      provider_message_id: 'wamid.recovered',
      sent_at: SENT_AT + 3000,
      status: 'delivered'
    })
  })

  it('turns a timed-out send into sent when a status proves the provider accepted it', async () => {
    const { provider, db, hooks } = await setup()
    const { messages } = seedCampaign(db, { providerId: provider.id, count: 2, sentAt: SENT_AT })
    const markError = db.prepare(
      `UPDATE message SET dispatch_state = 'error', dispatch_error = ?, provider_code = 'x',
         provider_error = 'y', provider_message_id = NULL, sent_at = NULL WHERE id = ?`
    )
    markError.run('timeout', messages[0]!.id)
    // A refusal stays a refusal: the provider said no, whatever a stray callback claims.
    markError.run('invalid_request', messages[1]!.id)
    const body = statusBody(
      messages.map((m, i) => ({
        id: `wamid.late-${i}`,
        status: 'delivered' as const,
        at: SENT_AT + 5000,
        recipient: m.phone,
        ourId: m.ourId
      }))
    )
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    await drained(db)
    expect(
      db
        .prepare(
          'SELECT dispatch_state, dispatch_error, provider_code, sent_at FROM message ORDER BY id'
        )
        .all()
    ).toEqual([
      {
        dispatch_state: 'sent',
        dispatch_error: null,
        provider_code: null,
        sent_at: SENT_AT + 5000
      },
      {
        dispatch_state: 'error',
        dispatch_error: 'invalid_request',
        provider_code: 'x',
        sent_at: null
      }
    ])
  })

  it('attributes replies: quoted → quoted message, unquoted → last message sent, strangers → none', async () => {
    const { t, provider, db, hooks } = await setup()
    // Two campaigns reach the same phone: the second one sent later.
    const a = seedCampaign(db, {
      providerId: provider.id,
      count: 2,
      sentAt: SENT_AT,
      phonePrefix: '+4477009'
    })
    const b = seedCampaign(db, {
      providerId: provider.id,
      count: 1,
      sentAt: SENT_AT + 60_000,
      phonePrefix: '+4477009'
    })
    const phone = a.messages[0]!.phone
    const replies = [
      // Quotes campaign A's message although campaign B sent later.
      {
        id: 'wamid.r1',
        from: phone,
        at: SENT_AT + 120_000,
        text: 'Yes',
        quotedId: a.messages[0]!.providerMessageId!
      },
      // Unquoted: goes to the last message sent to that phone before the reply (campaign B).
      { id: 'wamid.r2', from: phone, at: SENT_AT + 130_000, text: 'More?' },
      // Unquoted but before campaign B's send: campaign A's message.
      { id: 'wamid.r3', from: phone, at: SENT_AT + 30_000, text: 'Early' },
      // A stranger.
      { id: 'wamid.r4', from: '+919800000001', at: SENT_AT + 5000, text: 'Who is this?' }
    ]
    expect(await postMeta(hooks, provider.callbackPath, inboundBody(replies))).toBe(200)
    // A duplicate delivery of one reply changes nothing.
    expect(await postMeta(hooks, provider.callbackPath, inboundBody([replies[1]!]))).toBe(200)
    await drained(db)
    const row = (id: number) =>
      db.prepare('SELECT reply_count, first_reply_at FROM message WHERE id = ?').get(id)
    expect(row(a.messages[0]!.id)).toEqual({
      reply_count: 2,
      first_reply_at: Math.floor((SENT_AT + 30_000) / 1000) * 1000
    })
    expect(row(b.messages[0]!.id)).toEqual({
      reply_count: 1,
      first_reply_at: Math.floor((SENT_AT + 130_000) / 1000) * 1000
    })
    expect(row(a.messages[1]!.id)).toEqual({ reply_count: 0, first_reply_at: null })
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.unattributedReplies).toBe(1)
    expect((await t.call('callbacks.health', { campaignId: b.campaignId })).received).toBe(1)
  })
})

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], rand: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
}

async function inParallel<T, R>(
  items: T[],
  width: number,
  fn: (item: T) => Promise<R>
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!)
      }
    })
  )
  return out
}
