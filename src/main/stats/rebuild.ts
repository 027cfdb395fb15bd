import { setImmediate as yieldToLoop } from 'node:timers/promises'
import {
  REBUILD_WINDOW,
  type RebuildProgress,
  type StatsRebuild
} from '../db/repos/statsCounterRepo'

/**
 * The engine's background rebuild sizes its pages to take about this long, so a read or a
 * callback that arrives during a page waits at most about this long (a 10,000-row page took
 * 60–90 ms at 1M recipients on a busy 2-core machine).
 */
const BACKGROUND_PAGE_MS = 15
const BACKGROUND_WINDOW = { first: 2_000, min: 200, max: REBUILD_WINDOW }

/**
 * The engine's background rebuilds: every suspended campaign at startup and whenever a read finds
 * one, one page per event-loop turn. `done` announces a campaign whose counters are current again.
 */
export function createStatsRebuilder(
  rebuild: StatsRebuild,
  hooks: { done(campaignId: string): void; failed(campaignId: string, err: unknown): void }
) {
  const queue = new Set<string>()
  let running: Promise<void> | null = null
  let stopped = false

  let size = BACKGROUND_WINDOW.first
  /** One page of `id`, its size adjusted toward BACKGROUND_PAGE_MS from the last page's time. */
  function page(id: string): boolean {
    const started = performance.now()
    const done = rebuild.step(id, size)
    const ms = Math.max(1, performance.now() - started)
    const { min, max } = BACKGROUND_WINDOW
    // At most doubling per page: a page of rows without messages is quick but says little.
    const next = Math.min(2 * size, (size * BACKGROUND_PAGE_MS) / ms)
    size = Math.max(min, Math.min(max, Math.round(next)))
    return done
  }

  async function run(): Promise<void> {
    // The read that scheduled this answers first: no page runs inside it.
    await yieldToLoop()
    for (let id = first(); id !== undefined && !stopped; id = first()) {
      try {
        while (!stopped && !page(id)) await yieldToLoop()
        if (!stopped) hooks.done(id)
      } catch (err) {
        hooks.failed(id, err)
      }
      queue.delete(id)
      await yieldToLoop()
    }
  }
  const first = (): string | undefined => queue.values().next().value

  return {
    /** Queues a suspended campaign (no-op when it is current or already queued). */
    schedule(id: string): void {
      if (stopped || queue.has(id) || rebuild.progress(id) === null) return
      queue.add(id)
      running ??= run().finally(() => (running = null))
    },
    scheduleAll(): void {
      for (const id of rebuild.suspended()) this.schedule(id)
    },
    progress: (id: string): RebuildProgress | null => rebuild.progress(id),
    /** Resolves when nothing is queued (tests, benches). */
    async idle(): Promise<void> {
      while (running) await running
    },
    async stop(): Promise<void> {
      stopped = true
      await running
    }
  }
}
export type StatsRebuilder = ReturnType<typeof createStatsRebuilder>
