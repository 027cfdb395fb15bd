import type { ParsedInput } from '../../shared/ipc/contract'
import type { Kernel } from '../kernel/kernel'
import { testConnection } from './connectionTest'
import type { ProviderAccounts } from './providerAccounts'

/**
 * Provider accounts as the routes see them: every create or edit is announced as
 * `providers.changed`, which callback URL registration, template sync and the UI follow.
 */
export function createProviderService(
  kernel: Pick<Kernel, 'emit' | 'clock'>,
  accounts: Pick<ProviderAccounts, 'create' | 'update' | 'list' | 'get'>
) {
  function changed<T extends { id: string }>(out: T, created: boolean): T {
    kernel.emit('providers.changed', { providerId: out.id, created })
    return out
  }
  return {
    create: (input: ParsedInput<'providers.create'>) =>
      changed(accounts.create(input, kernel.clock.now()), true),
    update: (input: ParsedInput<'providers.update'>) =>
      changed(accounts.update(input.id, input.name, input.config, kernel.clock.now()), false),
    list: () => accounts.list(),
    /** Reads one cheap record of the provider with the stored credentials (the Test connection button). */
    testConnection: (id: string) => testConnection(accounts.get(id), () => kernel.clock.now())
  }
}
export type ProviderService = ReturnType<typeof createProviderService>
