import type { Db } from '../openDb'
import { createAttributionRepo } from './attributionRepo'
import { createCallbackHealthRepo } from './callbackHealthRepo'
import { createCallbackIgnoredRepo } from './callbackIgnoredRepo'
import { createCallbackInboxRepo } from './callbackInboxRepo'
import { createCallbackUnmatchedRepo } from './callbackUnmatchedRepo'
import { createDeliveryLatency } from './deliveryLatencyRepo'
import { createInboundRepo } from './inboundRepo'
import { createMarketingActionRepo } from './marketingActionRepo'
import { createMessageAliasRepo } from './messageAliasRepo'
import { createMessagePricingRepo } from './messagePricingRepo'
import { createMessageStatusLogRepo } from './messageStatusLogRepo'
import { createOptOutRepo } from './optOutRepo'
import { createUserIdentityRepo } from './userIdentityRepo'

/**
 * The repositories of the callback side (receiver, processor, appliers, health), each the only
 * writer of its tables. The composition root builds them once from the one connection.
 */
export function createCallbackRepos(db: Db) {
  return {
    inbox: createCallbackInboxRepo(db),
    unmatched: createCallbackUnmatchedRepo(db),
    ignored: createCallbackIgnoredRepo(db),
    statusLog: createMessageStatusLogRepo(db),
    identities: createUserIdentityRepo(db),
    inbound: createInboundRepo(db),
    optOuts: createOptOutRepo(db),
    aliases: createMessageAliasRepo(db),
    attribution: createAttributionRepo(db),
    health: createCallbackHealthRepo(db),
    latency: createDeliveryLatency(db),
    messagePricing: createMessagePricingRepo(db),
    marketingActions: createMarketingActionRepo(db)
  }
}
export type CallbackRepos = ReturnType<typeof createCallbackRepos>
