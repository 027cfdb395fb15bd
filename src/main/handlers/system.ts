import type { EngineServices } from '../engine/services'
import { systemInfo } from '../engine/systemInfo'
import type { DomainHandlers } from './types'

export function systemHandlers({ ctx }: EngineServices): DomainHandlers<'system.info'> {
  return {
    'system.info': () => systemInfo(ctx)
  }
}
