import type { EngineContext } from '../engine/context'
import { pending } from './pending'
import type { DomainHandlers } from './types'

export function reportHandlers(_ctx: EngineContext): DomainHandlers<'reports.export'> {
  return { 'reports.export': pending('reports.export') }
}
