import type { EngineContext } from '../engine/context'
import type { DomainHandlers } from './types'

export function providerHandlers(
  ctx: EngineContext
): DomainHandlers<'providers.create' | 'providers.update' | 'providers.list'> {
  return {
    'providers.create': (i) => changed(ctx, ctx.providers.create(i), true),
    'providers.update': (i) => changed(ctx, ctx.providers.update(i.id, i.name, i.config), false),
    'providers.list': () => ({ providers: ctx.providers.list() })
  }
}

/** Tells listeners (callback URL registration, the UI) that an account was created or edited. */
function changed<T extends { id: string }>(ctx: EngineContext, out: T, created: boolean): T {
  ctx.emit('providers.changed', { providerId: out.id, created })
  return out
}
