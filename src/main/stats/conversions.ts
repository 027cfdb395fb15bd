import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { ConversionRepo } from '../db/repos/statsCounterRepo'

/** Rows drained per transaction: a few milliseconds of work, so the event loop stays responsive. */
const CHUNK = 1000

export type ConversionDrainer = ReturnType<typeof createConversionDrainer>

/**
 * Recomputes the conversions of messages marked dirty by the triggers (new goal events, sends),
 * in small transactions with a yield between them. Concurrent callers share one drain.
 *
 * `drained` hears of every drain that applied rows, whoever asked for it: a stats read drains
 * before it counts, and the screens showing the old numbers (the campaign list) learn of the
 * change only from it; the background refresh then finds nothing dirty left to announce.
 */
export function createConversionDrainer(
  repo: ConversionRepo,
  drained: (campaignId: string) => void = () => undefined
) {
  const running = new Map<string, Promise<void>>()

  async function drain(campaignId: string): Promise<void> {
    let applied = 0
    for (;;) {
      const n = repo.applyChunk(campaignId, CHUNK)
      applied += n
      if (n < CHUNK) break
      await yieldToLoop()
    }
    if (applied > 0) drained(campaignId)
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
