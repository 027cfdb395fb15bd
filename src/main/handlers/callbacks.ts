import { startCallbackService } from '../callbacks/service'
import { reconcileUnknown } from '../dispatch/reconcile'
import type { EngineContext } from '../engine/context'
import { createAdapterRegistry } from '../providers/registry'
import { createSandboxAdapter } from '../providers/sandbox'
import type { DomainHandlers } from './types'

type Routes = 'callbacks.health' | 'callbacks.eventsEndpoint'

export function callbackHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  // Only verifyCallback/parseCallback are used here (pure), so this Sandbox instance never sends.
  const adapters = createAdapterRegistry(createSandboxAdapter(ctx))
  const service = startCallbackService(ctx, {
    adapterFor(type) {
      try {
        return adapters(type)
      } catch {
        return undefined
      }
    },
    reconcile: (messageId, at) => void reconcileUnknown(ctx.db, messageId, at)
  })
  return {
    'callbacks.health': (i) => service.health(i),
    'callbacks.eventsEndpoint': () => service.eventsEndpoint()
  }
}
