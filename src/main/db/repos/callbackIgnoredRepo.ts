import type { Db } from '../openDb'

/**
 * The only writer of `callback_ignored` (a counter per provider and reason) and
 * `callback_ignored_sample` (the newest few samples of each): items acknowledged but not
 * understood, kept for diagnostics only.
 */
export function createCallbackIgnoredRepo(db: Db) {
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
  return {
    /** Counts one item and keeps its sample among the newest `keep` of its reason. */
    record(
      item: { providerId: string; reason: string; at: number; inboxId: number; sample: string },
      keep: number
    ): void {
      count.run(item.providerId, item.reason, item.at)
      sample.run(item.providerId, item.reason, item.at, item.inboxId, item.sample)
      prune.run(item.providerId, item.reason, item.providerId, item.reason, keep)
    }
  }
}
export type CallbackIgnoredRepo = ReturnType<typeof createCallbackIgnoredRepo>
