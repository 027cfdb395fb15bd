import type { DispatchErrorReason } from '../../shared/domain/dispatch'
import type { Db } from '../db/openDb'

export type Outcome =
  | { id: number; kind: 'sent'; providerMessageId: string; at: number; attempts: number }
  | {
      id: number
      kind: 'error'
      reason: DispatchErrorReason
      code: string | null
      message: string | null
      at: number
      attempts: number
    }
  /** Back to the queue (credentials refused, or paused while waiting to retry). */
  | { id: number; kind: 'requeue'; attempts: number }

/**
 * Dispatch state writes. `markInFlight` commits synchronously BEFORE requests leave (crash
 * safety); outcomes are buffered and committed together once per tick, so 1,000 msg/s costs a
 * few dozen small transactions per second. A crash loses at most one tick of outcomes, and those
 * rows are still `in_flight`, so they end as outcome unknown, never re-sent.
 */
export function createDispatchWriter(db: Db) {
  const inFlight = db.prepare(
    `UPDATE message SET dispatch_state = 'in_flight', dispatched_at = ? WHERE id = ? AND dispatch_state = 'queued'`
  )
  const sent = db.prepare(
    `UPDATE message SET dispatch_state = 'sent', provider_message_id = ?, sent_at = ?, attempts = ?,
       dispatch_error = NULL, provider_code = NULL, provider_error = NULL WHERE id = ?`
  )
  const error = db.prepare(
    `UPDATE message SET dispatch_state = 'error', dispatch_error = ?, provider_code = ?,
       provider_error = ?, dispatched_at = ?, attempts = ? WHERE id = ?`
  )
  const requeue = db.prepare(
    `UPDATE message SET dispatch_state = 'queued', attempts = ? WHERE id = ? AND dispatch_state = 'in_flight'`
  )
  let pending: Outcome[] = []

  const markMany = db.transaction((ids: number[], at: number) => {
    for (const id of ids) inFlight.run(at, id)
  })
  const apply = db.transaction((outcomes: Outcome[]) => {
    for (const o of outcomes) {
      if (o.kind === 'sent') sent.run(o.providerMessageId, o.at, o.attempts, o.id)
      else if (o.kind === 'error')
        error.run(o.reason, o.code, o.message?.slice(0, 1000) ?? null, o.at, o.attempts, o.id)
      else requeue.run(o.attempts, o.id)
    }
  })

  return {
    markInFlight: (ids: number[], at = Date.now()) => markMany(ids, at),
    record: (outcome: Outcome) => void pending.push(outcome),
    pendingCount: () => pending.length,
    /** Commits every buffered outcome in one transaction. */
    flush(): void {
      if (pending.length === 0) return
      const batch = pending
      pending = []
      apply(batch)
    }
  }
}
export type DispatchWriter = ReturnType<typeof createDispatchWriter>
