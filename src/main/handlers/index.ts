import type { Handlers } from '../../shared/ipc/contract'
import type { EngineServices } from '../engine/services'
import { callbackHandlers } from './callbacks'
import { campaignHandlers } from './campaigns'
import { contactHandlers } from './contacts'
import { dataHandlers } from './data'
import { optOutHandlers } from './optOuts'
import { pricingHandlers } from './pricing'
import { providerHandlers } from './providers'
import { registrationHandlers } from './registration'
import { reportHandlers } from './reports'
import { statsHandlers } from './stats'
import { systemHandlers } from './system'
import { teamHandlers } from './team'
import { templateHandlers } from './templates'
import { tunnelHandlers } from './tunnel'
import { userHandlers } from './users'

/**
 * Merges every domain's handlers into the one exhaustive map of the contract. Handlers only map
 * a route's parsed input to a method of a service `createServices` built; they start nothing.
 */
export function createHandlers(services: EngineServices): Handlers {
  return {
    ...systemHandlers(services),
    ...dataHandlers(services),
    ...contactHandlers(services),
    ...optOutHandlers(services),
    ...providerHandlers(services),
    ...campaignHandlers(services),
    ...statsHandlers(services),
    ...callbackHandlers(services),
    ...tunnelHandlers(services),
    ...reportHandlers(services),
    ...pricingHandlers(services),
    ...registrationHandlers(services),
    ...templateHandlers(services),
    ...userHandlers(services),
    ...teamHandlers()
  } satisfies Handlers
}
