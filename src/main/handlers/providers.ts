import type { EngineContext } from '../engine/context'
import type { DomainHandlers } from './types'

export function providerHandlers(
  ctx: EngineContext
): DomainHandlers<'providers.create' | 'providers.update' | 'providers.list'> {
  return {
    'providers.create': (i) => ctx.providers.create(i),
    'providers.update': (i) => ctx.providers.update(i.id, i.name, i.config),
    'providers.list': () => ({ providers: ctx.providers.list() })
  }
}
