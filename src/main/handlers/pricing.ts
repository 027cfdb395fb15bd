import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'pricing.importRateCard'
  | 'pricing.rates'
  | 'pricing.account'
  | 'pricing.setAccount'
  | 'stats.cost'
  | 'stats.marketing'
  | 'stats.compare'

export function pricingHandlers({ pricing }: EngineServices): DomainHandlers<Routes> {
  return {
    'pricing.importRateCard': (i) => pricing.importRateCard(i.csv),
    'pricing.rates': () => pricing.rates(),
    'pricing.account': (i) => pricing.account(i.providerId),
    'pricing.setAccount': (i) => pricing.setAccount(i),
    'stats.cost': (i) => pricing.cost(i.campaignId),
    'stats.marketing': (i) => pricing.marketing(i.campaignId),
    'stats.compare': (i) => pricing.compare(i.campaignIds)
  }
}
