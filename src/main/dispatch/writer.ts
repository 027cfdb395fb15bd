import type { DispatchOutcome, MessageRepo } from '../db/repos/messageRepo'
import type { MarketingSendRecorder } from '../db/repos/marketingSendRepo'
import type { Clock } from '../kernel/kernel'

export type Outcome = DispatchOutcome

/**
 * Dispatch state writes. `markInFlight` commits synchronously BEFORE requests leave (crash
 * safety); outcomes are buffered and committed together once per tick, so 1,000 msg/s costs a
 * few dozen small transactions per second. A crash loses at most one tick of outcomes, and those
 * rows are still `in_flight`, so they end as outcome unknown, never re-sent.
 */
export function createDispatchWriter(
  messages: Pick<MessageRepo, 'markInFlight' | 'recordOutcomes'>,
  /** The engine's clock: when a request left. */
  clock: Clock,
  marketingSends?: MarketingSendRecorder
) {
  let pending: Outcome[] = []

  return {
    markInFlight: (ids: number[]) => messages.markInFlight(ids, clock.now()),
    record: (outcome: Outcome) => void pending.push(outcome),
    pendingCount: () => pending.length,
    /**
     * Commits every buffered outcome in one transaction. When SQLite refuses (busy, disk full) the
     * batch goes back in front of the buffer and the error is thrown; the next flush retries it,
     * so the rows do not stay `in_flight` until a restart.
     */
    flush(): void {
      if (pending.length === 0) return
      const batch = pending
      pending = []
      try {
        messages.recordOutcomes(batch)
        marketingSends?.(batch)
      } catch (err) {
        pending = batch.concat(pending)
        throw err
      }
    }
  }
}
export type DispatchWriter = ReturnType<typeof createDispatchWriter>
