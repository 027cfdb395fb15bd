import { createStatsService } from '../stats/service'
import type { EngineContext } from './context'
import { createLifecycle } from './lifecycle'

/**
 * Every long-lived service of the engine, each built once. Building has no side effects: the
 * lifecycle starts them in the order listed (a service after those it relies on) and stops them
 * in reverse, so handlers only map routes to these methods.
 */
export function createServices(ctx: EngineContext) {
  const stats = createStatsService(ctx)

  const lifecycle = createLifecycle([['stats', stats]], ctx.log)
  return { stats, lifecycle }
}
export type EngineServices = ReturnType<typeof createServices>
