import type { EngineContext } from '../engine/context'
import { pending } from './pending'
import type { DomainHandlers } from './types'

type Routes =
  'callbacks.health' | 'callbacks.test' | 'tunnel.start' | 'tunnel.status' | 'tunnel.stop'

export function callbackHandlers(_ctx: EngineContext): DomainHandlers<Routes> {
  return {
    'callbacks.health': pending('callbacks.health'),
    'callbacks.test': pending('callbacks.test'),
    'tunnel.start': pending('tunnel.start'),
    'tunnel.status': () => ({ state: 'off' as const }),
    'tunnel.stop': () => ({ state: 'off' as const })
  }
}
