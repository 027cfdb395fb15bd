import type { EngineContext } from '../engine/context'
import { createStatsRebuilder } from './rebuild'
import { createStatsEngine } from './statsEngine'

/** How often new goal events are folded into conversions and announced (spec: live within 2 s). */
const REFRESH_MS = 1000

/**
 * The stats reads plus their background work: counters of bulk-loaded or upgraded campaigns are
 * recounted from startup, and new goal events become conversions every second.
 */
export function createStatsService(ctx: EngineContext) {
  const rebuilder = createStatsRebuilder(ctx.db, {
    done: (campaignId) => ctx.emit('stats.changed', { campaignId }),
    failed: (campaignId, err) => ctx.log(`counting the stats of campaign ${campaignId} failed`, err)
  })
  const stats = createStatsEngine(ctx.db, rebuilder)
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null

  function refresh(): void {
    if (running) return
    running = stats
      .refreshConversions()
      .then((changed) => changed.forEach((campaignId) => ctx.emit('stats.changed', { campaignId })))
      .catch((err: unknown) => ctx.log('refreshing conversions failed', err))
      .finally(() => (running = null))
  }

  return {
    ...stats,
    start(): void {
      rebuilder.scheduleAll()
      timer ??= setInterval(refresh, REFRESH_MS)
      timer.unref()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = null
      await Promise.all([running, rebuilder.stop()])
    }
  }
}
export type StatsService = ReturnType<typeof createStatsService>
