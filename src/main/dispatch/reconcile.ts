import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/openDb'

const statements = new WeakMap<Db, Statement<[number, number]>>()

/**
 * Reconciles a message whose outcome we could not know: its request was in flight when the
 * previous process died (`unknown`), or it ended as a `timeout` / `network` dispatch error, where
 * the provider may have accepted it without our seeing the answer. Call it from the callback
 * processor when a status callback matches such a row (by provider id or by our id echoed back):
 * the provider evidently accepted the request, so the row becomes `sent`, with `sent_at` = `at`
 * (the provider's timestamp of that status) unless already set. Refusals the provider answered
 * (invalid_request, auth_failed, …) stay dispatch errors.
 * Idempotent; safe inside the processor's transaction (it does not open one of its own).
 *
 * @param db the engine's database
 * @param messageId `message.id` of the matched row
 * @param at epoch ms of the status event (the provider's timestamp)
 * @returns true when the row changed to `sent`
 */
export function reconcileUnknown(db: Db, messageId: number, at: number): boolean {
  let stmt = statements.get(db)
  if (!stmt) {
    stmt = db.prepare<[number, number]>(
      `UPDATE message SET dispatch_state = 'sent', sent_at = COALESCE(sent_at, ?),
         dispatch_error = NULL, provider_code = NULL, provider_error = NULL
       WHERE id = ? AND (dispatch_state = 'unknown'
         OR (dispatch_state = 'error' AND dispatch_error IN ('timeout', 'network')))`
    )
    statements.set(db, stmt)
  }
  return stmt.run(at, messageId).changes > 0
}

/**
 * After a restart nothing is in flight any more: rows left `in_flight` by the previous process
 * may or may not have reached the provider, so they become `unknown` instead of being re-sent.
 */
export function markInterruptedUnknown(db: Db): number {
  return db
    .prepare(`UPDATE message SET dispatch_state = 'unknown' WHERE dispatch_state = 'in_flight'`)
    .run().changes
}
