import { setTimeout as sleep } from 'node:timers/promises'
import type { MessageRepo } from '../db/repos/messageRepo'

/** Queued rows turned into `cancelled` errors per statement (each goes through the stats triggers). */
const BATCH = 200
/** Between two batches: the callback server and API answer in the gaps. */
const GAP_MS = 1

/**
 * Ends a cancelled campaign's queued rows as `cancelled` dispatch errors in short statements with
 * a gap between them. One UPDATE of 270,000 rows (each through the stats triggers) held the event
 * loop 6–10 s, with no callback answered meanwhile. The campaign is `cancelled` before the first
 * batch; an engine stopped halfway finishes the rest at the next start (`resume`).
 */
export function createCanceller(
  messages: Pick<MessageRepo, 'cancelQueued'>,
  hooks: { done(campaignId: string): void; failed(campaignId: string, err: unknown): void }
) {
  const running = new Map<string, Promise<void>>()
  let stopped = false

  async function run(campaignId: string, at: number): Promise<void> {
    try {
      while (!stopped) {
        if (messages.cancelQueued(campaignId, at, BATCH) < BATCH) return hooks.done(campaignId)
        await sleep(GAP_MS)
      }
    } catch (err) {
      hooks.failed(campaignId, err)
    }
  }

  return {
    /** Cancels the campaign's queued rows in the background, dated `at` (the cancel's time). */
    start(campaignId: string, at: number): void {
      if (stopped || running.has(campaignId)) return
      const job = run(campaignId, at).finally(() => running.delete(campaignId))
      running.set(campaignId, job)
    },
    async stop(): Promise<void> {
      stopped = true
      await Promise.all(running.values())
    }
  }
}
export type Canceller = ReturnType<typeof createCanceller>
