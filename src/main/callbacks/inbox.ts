import type { Db } from '../db/openDb'
import type { CallbackEvent } from '../providers/types'

/** Why a callback request was refused; each has a counter per provider and sampled rows. */
export type RejectReason =
  | 'bad_token'
  | 'unknown_provider'
  | 'bad_signature'
  | 'missing_signature'
  | 'malformed'
  | 'oversized'
  | 'method'

export interface Rejection {
  providerId: string
  reason: RejectReason
  at: number
  method: string
  path: string
  status: number
  detail?: string
  bodyExcerpt?: string
}

interface PendingCallback {
  providerId: string
  receivedAt: number
  rawBody: Buffer
  events: CallbackEvent[]
  done: (committed: boolean) => void
}

export interface InboxOptions {
  /** Most rows per transaction; a full batch commits at once instead of waiting for the tick. */
  maxBatch?: number
  /** Refusal samples kept (counters are kept forever, samples are pruned). */
  keepRejections?: number
  /** Called after each successful commit of accepted callbacks (wakes the processor). */
  onCommit?: (providerIds: Set<string>, at: number) => void
  log?: (message: string, err?: unknown) => void
}

/**
 * The durable inbox with group commit: accepted callbacks are buffered and written in one
 * transaction per event-loop tick (or per `maxBatch` rows). Each request is answered only after its
 * row is committed; if the commit fails (disk full, busy) the whole batch rolls back and every
 * request in it gets 503, so the provider retries and nothing is half-written.
 */
export function createInbox(db: Db, options: InboxOptions = {}) {
  const maxBatch = options.maxBatch ?? 500
  const keep = options.keepRejections ?? 500
  const insert = db.prepare(
    'INSERT INTO callback_inbox (provider_id, received_at, raw_body, events) VALUES (?, ?, ?, ?)'
  )
  const count = db.prepare(
    `INSERT INTO callback_counter (provider_id, reason, count, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (provider_id, reason) DO UPDATE
       SET count = count + excluded.count, last_at = MAX(last_at, excluded.last_at)`
  )
  const sample = db.prepare(
    `INSERT INTO callback_rejection (provider_id, reason, at, method, path, status, detail, body_excerpt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const prune = db.prepare(
    'DELETE FROM callback_rejection WHERE id <= (SELECT MAX(id) FROM callback_rejection) - ?'
  )

  const commitAccepted = db.transaction((batch: PendingCallback[]) => {
    const perProvider = new Map<string, { n: number; at: number }>()
    for (const p of batch) {
      insert.run(p.providerId, p.receivedAt, p.rawBody, JSON.stringify(p.events))
      const c = perProvider.get(p.providerId) ?? { n: 0, at: 0 }
      c.n++
      c.at = Math.max(c.at, p.receivedAt)
      perProvider.set(p.providerId, c)
    }
    for (const [providerId, c] of perProvider) count.run(providerId, 'received', c.n, c.at)
    return perProvider
  })
  const commitRejections = db.transaction((rows: Rejection[]) => {
    const counts = new Map<string, { providerId: string; reason: string; n: number; at: number }>()
    for (const r of rows) {
      const key = `${r.providerId}\u0000${r.reason}`
      const c = counts.get(key) ?? { providerId: r.providerId, reason: r.reason, n: 0, at: 0 }
      c.n++
      c.at = Math.max(c.at, r.at)
      counts.set(key, c)
    }
    for (const c of counts.values()) count.run(c.providerId, c.reason, c.n, c.at)
    // Only the newest `keep` samples matter; skip writing ones that would be pruned at once.
    for (const r of rows.slice(-keep))
      sample.run(
        r.providerId,
        r.reason,
        r.at,
        r.method,
        r.path,
        r.status,
        r.detail ?? null,
        r.bodyExcerpt ?? null
      )
    prune.run(keep)
  })

  let queue: PendingCallback[] = []
  let rejections: Rejection[] = []
  let scheduled = false
  let closed = false

  function flush(): void {
    scheduled = false
    if (queue.length) {
      const batch = queue
      queue = []
      let ok = false
      let providers: Map<string, { n: number; at: number }> | null = null
      try {
        providers = commitAccepted(batch)
        ok = true
      } catch (err) {
        options.log?.(`callback inbox commit of ${batch.length} failed; answering 503`, err)
      }
      for (const p of batch) p.done(ok)
      if (providers && options.onCommit) {
        const at = Math.max(...[...providers.values()].map((c) => c.at))
        options.onCommit(new Set(providers.keys()), at)
      }
    }
    if (rejections.length) {
      const rows = rejections
      rejections = []
      try {
        commitRejections(rows)
      } catch (err) {
        options.log?.('recording refused callbacks failed', err)
      }
    }
  }
  function schedule(): void {
    if (scheduled) return
    scheduled = true
    setImmediate(flush)
  }

  return {
    /** Resolves true once the callback is committed, false if it could not be (answer 503). */
    append(providerId: string, rawBody: Buffer, events: CallbackEvent[], receivedAt = Date.now()) {
      return new Promise<boolean>((done) => {
        if (closed) return done(false)
        queue.push({ providerId, receivedAt, rawBody, events, done })
        if (queue.length >= maxBatch) flush()
        else schedule()
      })
    },
    /** Records a refusal; written with the next tick, never delaying any answer. */
    reject(rejection: Rejection): void {
      if (closed) return
      // A flood of refusals is bounded in memory too: keep counting, drop excess samples' bodies.
      if (rejections.length > 10_000) rejection.bodyExcerpt = undefined
      rejections.push(rejection)
      schedule()
    },
    flush,
    close(): void {
      flush()
      closed = true
    }
  }
}
export type Inbox = ReturnType<typeof createInbox>
