import type { Db } from '../db/openDb'

/** Samples kept per provider and reason (the counters are kept forever). */
export const IGNORED_SAMPLES_PER_REASON = 3

/**
 * Counts an item that was acknowledged but not understood (`callbacks.health.ignored`) and keeps
 * its newest few samples per reason. It touches no message state: only diagnostics.
 */
export function createIgnoredRecorder(db: Db) {
  const count = db.prepare(
    `INSERT INTO callback_ignored (provider_id, reason, count, last_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (provider_id, reason) DO UPDATE
       SET count = count + 1, last_at = MAX(last_at, excluded.last_at)`
  )
  const sample = db.prepare(
    `INSERT INTO callback_ignored_sample (provider_id, reason, at, inbox_id, sample)
     VALUES (?, ?, ?, ?, ?)`
  )
  const prune = db.prepare(
    `DELETE FROM callback_ignored_sample WHERE provider_id = ? AND reason = ? AND id <= (
       SELECT id FROM callback_ignored_sample WHERE provider_id = ? AND reason = ?
       ORDER BY id DESC LIMIT 1 OFFSET ?)`
  )
  return function record(
    reason: string,
    excerpt: string,
    ctx: { providerId: string; inboxId: number; receivedAt: number }
  ): void {
    count.run(ctx.providerId, reason, ctx.receivedAt)
    sample.run(ctx.providerId, reason, ctx.receivedAt, ctx.inboxId, excerpt)
    prune.run(ctx.providerId, reason, ctx.providerId, reason, IGNORED_SAMPLES_PER_REASON)
  }
}
