import type { Kernel } from '../kernel/kernel'
import { createConversionDrainer } from './conversions'
import { createStatsRebuilder } from './rebuild'
import { StatsEngine, type StatsEngineDeps } from './statsEngine'
import type { StatsRebuild } from '../db/repos/statsCounterRepo'

/** How often new goal events are folded into conversions and announced (spec: live within 2 s). */
const REFRESH_MS = 1000

export interface StatsDeps extends Omit<StatsEngineDeps, 'rebuilder' | 'conversions' | 'dirty'> {
  conversions: StatsEngineDeps['dirty'] & Parameters<typeof createConversionDrainer>[0]
  rebuild: StatsRebuild
}

/**
 * The stats reads plus their background work: counters of bulk-loaded or upgraded campaigns are
 * recounted from startup, and new goal events become conversions every second.
 */
export function createStatsService(kernel: Kernel, deps: StatsDeps) {
  const rebuilder = createStatsRebuilder(deps.rebuild, {
    done: (campaignId) => kernel.emit('stats.changed', { campaignId }),
    failed: (campaignId, err) =>
      kernel.log(`counting the stats of campaign ${campaignId} failed`, err)
  })
  const stats = new StatsEngine({
    ...deps,
    dirty: deps.conversions,
    conversions: createConversionDrainer(deps.conversions, (campaignId) =>
      kernel.emit('stats.changed', { campaignId })
    ),
    rebuilder
  })
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null

  function refresh(): void {
    if (running) return
    running = stats
      .refreshConversions()
      .catch((err: unknown) => kernel.log('refreshing conversions failed', err))
      .finally(() => (running = null))
  }

  return {
    summary: stats.summary,
    funnel: stats.funnel,
    errors: stats.errors,
    errorRecipients: stats.errorRecipients,
    trend: stats.trend,
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
