import type { OptOutRepo, OptOutSignalFields } from '../db/repos/optOutRepo'
import type { Target } from './attribution'

export interface OptOutSignal extends OptOutSignalFields {
  /** The campaign message it counts for (never for 131050, which predates the message). */
  target?: Target
}

/**
 * Records a marketing opt-out signal once (opt_out_event) and moves the user's current state
 * (contact_opt_out) when it is the latest by provider time, so the order signals arrive in does
 * not matter and a later resume lifts the exclusion without undoing any campaign's optedOut.
 */
export function createOptOutRecorder(optOuts: OptOutRepo) {
  return function record(signal: OptOutSignal, providerId: string, receivedAt: number): boolean {
    const recorded = optOuts.addEvent({
      providerId,
      source: signal.source,
      value: signal.value,
      at: signal.at,
      phone: signal.phone,
      userId: signal.userId,
      detail: signal.detail,
      dedupeKey: signal.dedupeKey,
      messageId: signal.target?.id ?? null,
      campaignId: signal.target?.campaign_id ?? null,
      receivedAt
    })
    if (!recorded) return false
    const subject = signal.phone ?? (signal.userId ? `bsuid:${signal.userId}` : null)
    if (subject)
      optOuts.setState(subject, signal.value === 'stop', signal.at, signal.source, signal.userId)
    return true
  }
}
export type RecordOptOut = ReturnType<typeof createOptOutRecorder>
