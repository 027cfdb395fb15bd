import type { OptOutSource } from '../../shared/domain/optOuts'
import type { Db } from '../db/openDb'
import type { Target } from './attribution'

export interface OptOutSignal {
  source: OptOutSource
  value: 'stop' | 'resume'
  at: number
  phone: string | null
  userId: string | null
  detail: string | null
  /** Identifies the signal across provider retries (an inbound id, a status id, …). */
  dedupeKey: string
  /** The campaign message it counts for (never for 131050, which predates the message). */
  target?: Target
}

/**
 * Records a marketing opt-out signal once (opt_out_event) and moves the user's current state
 * (contact_opt_out) when it is the latest by provider time, so the order signals arrive in does
 * not matter and a later resume lifts the exclusion without undoing any campaign's optedOut.
 */
export function createOptOutRecorder(db: Db) {
  const insert = db.prepare(
    `INSERT INTO opt_out_event (provider_id, source, value, at, phone, user_id, detail, dedupe_key,
       message_id, campaign_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, dedupe_key) DO NOTHING`
  )
  // Later provider time wins; at the same instant a stop wins over a resume.
  const state = db.prepare(
    `INSERT INTO contact_opt_out (subject, stopped, at, source, user_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET stopped = excluded.stopped, at = excluded.at,
       source = excluded.source, user_id = COALESCE(excluded.user_id, user_id)
     WHERE excluded.at > contact_opt_out.at
        OR (excluded.at = contact_opt_out.at AND excluded.stopped > contact_opt_out.stopped)`
  )
  return function record(signal: OptOutSignal, providerId: string, receivedAt: number): boolean {
    const result = insert.run(
      providerId,
      signal.source,
      signal.value,
      signal.at,
      signal.phone,
      signal.userId,
      signal.detail,
      signal.dedupeKey,
      signal.target?.id ?? null,
      signal.target?.campaign_id ?? null,
      receivedAt
    )
    if (result.changes === 0) return false
    const subject = signal.phone ?? (signal.userId ? `bsuid:${signal.userId}` : null)
    if (subject)
      state.run(subject, signal.value === 'stop' ? 1 : 0, signal.at, signal.source, signal.userId)
    return true
  }
}
export type RecordOptOut = ReturnType<typeof createOptOutRecorder>
