import type { EngineContext } from '../engine/context'
import { createStatsRebuilder } from '../stats/rebuild'
import { createStatsEngine } from '../stats/statsEngine'
import type { DomainHandlers } from './types'

type Routes =
  'stats.summary' | 'stats.trend' | 'stats.funnel' | 'stats.errors' | 'stats.errorRecipients'

/** How often new goal events are folded into conversions and announced (spec: live within 2 s). */
const REFRESH_MS = 1000

export function statsHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  // Counters of bulk-loaded or upgraded campaigns are recounted in the background from startup.
  const rebuilder = createStatsRebuilder(ctx.db, {
    done: (campaignId) => ctx.emit('stats.changed', { campaignId }),
    failed: (campaignId, err) => ctx.log(`counting the stats of campaign ${campaignId} failed`, err)
  })
  rebuilder.scheduleAll()
  const stats = createStatsEngine(ctx.db, rebuilder)
  let running: Promise<void> | null = null
  const timer = setInterval(() => {
    if (running) return
    running = stats
      .refreshConversions()
      .then((changed) => changed.forEach((campaignId) => ctx.emit('stats.changed', { campaignId })))
      .catch((err: unknown) => ctx.log('refreshing conversions failed', err))
      .finally(() => (running = null))
  }, REFRESH_MS)
  timer.unref()
  ctx.onClose(async () => {
    clearInterval(timer)
    await Promise.all([running, rebuilder.stop()])
  })
  return {
    'stats.summary': (input) => stats.summary(input.campaignId),
    'stats.trend': (input) => stats.trend(input),
    'stats.funnel': (input) => stats.funnel(input),
    'stats.errors': (input) => stats.errors(input),
    'stats.errorRecipients': (input) => stats.errorRecipients(input)
  }
}
