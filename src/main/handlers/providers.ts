import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'providers.create'
  | 'providers.update'
  | 'providers.list'
  | 'providers.reconcile'
  | 'providers.testConnection'

export function providerHandlers({ providers, reconcile }: EngineServices): DomainHandlers<Routes> {
  return {
    'providers.create': (i) => providers.create(i),
    'providers.update': (i) => providers.update(i),
    'providers.list': () => ({ providers: providers.list() }),
    'providers.testConnection': (i) => providers.testConnection(i.id),
    'providers.reconcile': (i) => reconcile.reconcile(i.campaignId)
  }
}
