import type { Db } from '../openDb'

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

/** One accepted callback as it is stored: the raw body for audit, the parsed items as JSON. */
export interface AcceptedCallback {
  providerId: string
  receivedAt: number
  rawBody: Buffer
  events: unknown
}

/** A stored callback still to apply. */
export interface InboxRow {
  id: number
  provider_id: string
  received_at: number
  events: string
}

export type ProviderCounts = Map<string, { n: number; at: number }>

/**
 * The durable callback inbox and its counters: the only writer of `callback_inbox`,
 * `callback_counter`, `callback_rejection` and `callback_campaign_counter`. The receiver commits
 * accepted callbacks and refusals in batches (one transaction each); the processor reads pending
 * rows, marks them applied, counts them per campaign and prunes applied rows.
 */
export function createCallbackInboxRepo(db: Db) {
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
  const pruneSamples = db.prepare(
    'DELETE FROM callback_rejection WHERE id <= (SELECT MAX(id) FROM callback_rejection) - ?'
  )
  const pending = db.prepare<[number], InboxRow>(
    `SELECT id, provider_id, received_at, events FROM callback_inbox
     WHERE processed_at IS NULL ORDER BY id LIMIT ?`
  )
  const markDone = db.prepare('UPDATE callback_inbox SET processed_at = ?, error = ? WHERE id = ?')
  // Oldest rows first by id; stops at the first row still pending or too young (no full scan).
  const oldest = db.prepare<[], { id: number; processed_at: number | null }>(
    'SELECT id, processed_at FROM callback_inbox ORDER BY id LIMIT 1000'
  )
  const remove = db.prepare('DELETE FROM callback_inbox WHERE id <= ?')
  const countCampaign = db.prepare(
    `INSERT INTO callback_campaign_counter (campaign_id, received, last_at) VALUES (?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE
       SET received = received + excluded.received, last_at = MAX(last_at, excluded.last_at)`
  )

  /** Stores a batch of accepted callbacks in one transaction; returns the count per provider. */
  const commitAccepted = db.transaction((batch: AcceptedCallback[]): ProviderCounts => {
    const perProvider: ProviderCounts = new Map()
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

  /** Counts refusals and keeps the newest `keep` samples, in one transaction. */
  const commitRejections = db.transaction((rows: Rejection[], keep: number): void => {
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
    pruneSamples.run(keep)
  })

  return {
    commitAccepted: commitAccepted as (batch: AcceptedCallback[]) => ProviderCounts,
    commitRejections: commitRejections as (rows: Rejection[], keep: number) => void,
    pending: (limit: number): InboxRow[] => pending.all(limit),
    markDone: (id: number, at: number, error: string | null): void =>
      void markDone.run(at, error, id),
    /** Callbacks applied to a campaign's messages (`callbacks.health` per campaign). */
    countCampaign: (campaignId: string, n: number, at: number): void =>
      void countCampaign.run(campaignId, n, at),
    /** Deletes the oldest applied rows processed before `cutoff`; returns how many. */
    pruneProcessed(cutoff: number): number {
      let last = 0
      for (const row of oldest.all()) {
        if (row.processed_at === null || row.processed_at >= cutoff) break
        last = row.id
      }
      return last ? remove.run(last).changes : 0
    }
  }
}
export type CallbackInboxRepo = ReturnType<typeof createCallbackInboxRepo>
