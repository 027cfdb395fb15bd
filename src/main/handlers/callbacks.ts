import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { startCallbackService } from '../callbacks/service'
import type { EngineContext } from '../engine/context'
import type { DomainHandlers } from './types'

type Routes = 'callbacks.health' | 'callbacks.eventsEndpoint'

export function callbackHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  const service = startCallbackService(ctx, {
    adapterFor(type) {
      try {
        return ctx.adapterFor(type)
      } catch {
        return undefined
      }
    }
  })
  const campaignExists = ctx.db.prepare<[string], number>('SELECT 1 FROM campaign WHERE id = ?')
  campaignExists.pluck()
  return {
    'callbacks.health': (i) => {
      // A mistyped id would otherwise look like a healthy, silent scope (all zeros).
      if (i.campaignId !== undefined && !campaignExists.get(i.campaignId))
        throw new AppError(ErrorCode.notFound, `No campaign ${i.campaignId}`)
      if (i.providerId !== undefined && !ctx.providers.find(i.providerId))
        throw new AppError(ErrorCode.notFound, `No provider ${i.providerId}`)
      return service.health(i)
    },
    'callbacks.eventsEndpoint': () => service.eventsEndpoint()
  }
}
