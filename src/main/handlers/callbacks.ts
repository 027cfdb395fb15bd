import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes = 'callbacks.health' | 'callbacks.eventsEndpoint'

export function callbackHandlers({ callbacks }: EngineServices): DomainHandlers<Routes> {
  return {
    'callbacks.health': (i) => callbacks.health(i),
    'callbacks.eventsEndpoint': () => callbacks.eventsEndpoint()
  }
}
