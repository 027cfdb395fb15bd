import type { EngineContext } from '../engine/context'
import { pending } from './pending'
import type { DomainHandlers } from './types'

type Routes =
  'stats.summary' | 'stats.trend' | 'stats.funnel' | 'stats.errors' | 'stats.errorRecipients'

export function statsHandlers(_ctx: EngineContext): DomainHandlers<Routes> {
  return {
    'stats.summary': pending('stats.summary'),
    'stats.trend': pending('stats.trend'),
    'stats.funnel': pending('stats.funnel'),
    'stats.errors': pending('stats.errors'),
    'stats.errorRecipients': pending('stats.errorRecipients')
  }
}
