import type { ParsedInput } from '../../shared/ipc/contract'
import type { EngineContext } from '../engine/context'
import { testConnection } from './connectionTest'

/**
 * Provider accounts as the routes see them: every create or edit is announced as
 * `providers.changed`, which callback URL registration, template sync and the UI follow.
 */
export function createProviderService(ctx: EngineContext) {
  function changed<T extends { id: string }>(out: T, created: boolean): T {
    ctx.emit('providers.changed', { providerId: out.id, created })
    return out
  }
  return {
    create: (input: ParsedInput<'providers.create'>) => changed(ctx.providers.create(input), true),
    update: (input: ParsedInput<'providers.update'>) =>
      changed(ctx.providers.update(input.id, input.name, input.config), false),
    list: () => ctx.providers.list(),
    /** Reads one cheap record of the provider with the stored credentials (the Test connection button). */
    testConnection: (id: string) => testConnection(ctx.providers.get(id))
  }
}
export type ProviderService = ReturnType<typeof createProviderService>
