import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'stats.summary'
  | 'stats.trend'
  | 'stats.funnel'
  | 'stats.errors'
  | 'stats.errorRecipients'
  | 'stats.reconciliation'

export function statsHandlers({ stats, reconcile }: EngineServices): DomainHandlers<Routes> {
  return {
    'stats.summary': (input) => stats.summary(input.campaignId),
    'stats.trend': (input) => stats.trend(input),
    'stats.funnel': (input) => stats.funnel(input),
    'stats.errors': (input) => stats.errors(input),
    'stats.errorRecipients': (input) => stats.errorRecipients(input),
    'stats.reconciliation': (input) => reconcile.reconciliation(input.campaignId)
  }
}
