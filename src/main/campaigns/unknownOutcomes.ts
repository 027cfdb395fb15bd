import { outcomeUnknownReason } from '../../shared/domain/outcomeUnknown'
import type { Output } from '../../shared/ipc/contract'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { Clock } from '../kernel/kernel'

/** Rows moved back to the queue per statement: a big resend never holds the loop in one piece. */
const REQUEUE_STEP = 1000

/**
 * The operator's view of sends whose outcome is unknown (spec §3): who, why, and whether
 * callbacks and the provider's records are still being checked (`deadlineMs` after the answer
 * was lost, dispatch/lostSends); and the explicit resend of those no longer checked.
 */
export function createUnknownOutcomes(
  messages: Pick<MessageRepo, 'unknownCounts' | 'unknownOutcomes' | 'requeueUnknown'>,
  deadlineMs: number,
  /** The engine's clock, as the requests' times are (dispatch/writer). */
  clock: Clock
) {
  return {
    list(campaignId: string, offset = 0, limit = 50): Output<'campaigns.unknownOutcomes'> {
      const now = clock.now()
      const { total } = messages.unknownCounts(campaignId, now - deadlineMs)
      const rows = messages.unknownOutcomes(campaignId, offset, limit).map((r) => {
        const until = r.at === null ? null : r.at + deadlineMs
        return {
          phone: r.phone,
          name: r.name,
          reason: outcomeUnknownReason(r.reason),
          providerMessage: r.providerMessage,
          at: r.at,
          checkingUntil: until !== null && until > now ? until : null
        }
      })
      return { total, rows }
    },

    /** Requeues the rows no longer checked; returns how many, and how many are still checked. */
    async requeue(campaignId: string): Promise<{ requeued: number; stillChecking: number }> {
      const before = clock.now() - deadlineMs
      let requeued = 0
      for (;;) {
        const n = messages.requeueUnknown(campaignId, before, REQUEUE_STEP)
        requeued += n
        if (n < REQUEUE_STEP) break
        await new Promise((resolve) => setImmediate(resolve))
      }
      return { requeued, stillChecking: messages.unknownCounts(campaignId, before).checking }
    }
  }
}
export type UnknownOutcomes = ReturnType<typeof createUnknownOutcomes>
