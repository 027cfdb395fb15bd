import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { ConversionRepo } from '../db/repos/statsCounterRepo'

/** Rows drained per transaction: a few milliseconds of work, so the event loop stays responsive. */
const CHUNK = 1000

export type ConversionDrainer = ReturnType<typeof createConversionDrainer>

/**
 * Recomputes the conversions of messages marked dirty by the triggers (new goal events, sends),
 * in small transactions with a yield between them. Concurrent callers share one drain.
 */
export function createConversionDrainer(repo: ConversionRepo) {
  const running = new Map<string, Promise<void>>()

  async function drain(campaignId: string): Promise<void> {
    while (repo.applyChunk(campaignId, CHUNK) === CHUNK) await yieldToLoop()
  }

  return {
    /** Resolves once the campaign has no dirty conversions left. */
    async fresh(campaignId: string): Promise<void> {
      if (!repo.hasDirty(campaignId)) return
      let job = running.get(campaignId)
      if (!job) {
        job = drain(campaignId).finally(() => running.delete(campaignId))
        running.set(campaignId, job)
      }
      await job
      // Rows dirtied while we drained (a concurrent import) are picked up by this loop too.
      if (repo.hasDirty(campaignId)) await this.fresh(campaignId)
    }
  }
}
