import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes = 'tunnel.start' | 'tunnel.status' | 'tunnel.stop' | 'callbacks.test'

export function tunnelHandlers({ tunnel }: EngineServices): DomainHandlers<Routes> {
  return {
    'tunnel.start': (i) => tunnel.switchOn(i),
    'tunnel.status': () => tunnel.status(),
    'tunnel.stop': () => tunnel.switchOff(),
    'callbacks.test': (i) => tunnel.testCallback(i.providerId)
  }
}
