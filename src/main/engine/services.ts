import { createCallbackService } from '../callbacks/service'
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
  const callbacks = createCallbackService(ctx, {
    adapterFor(type) {
      try {
        return ctx.adapterFor(type)
      } catch {
        return undefined
      }
    }
  })

  const lifecycle = createLifecycle(
    [
      ['stats', stats],
      ['callbacks', callbacks]
    ],
    ctx.log
  )
  return { stats, callbacks, lifecycle }
}
export type EngineServices = ReturnType<typeof createServices>
