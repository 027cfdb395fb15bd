import type { InboundRepo } from '../db/repos/inboundRepo'
import type { ReactionEvent } from '../providers/types'
import type { Attributor } from './attribution'

/**
 * Stores a reaction once (by its own id) and attributes it to the reacted message. A reaction is
 * not a reply: reply counts are untouched. `reacted` counts distinct messages with a non-empty
 * reaction; a removal (empty emoji) is kept but is not another event and undoes nothing.
 */
export function createReactionApplier(inbound: InboundRepo, attributor: Attributor) {
  return function apply(event: ReactionEvent, providerId: string, receivedAt: number) {
    const target = attributor.message(event.reactedProviderMessageId, providerId)
    const stored = inbound.addReaction({
      providerId,
      providerMessageId: event.providerMessageId,
      reactedProviderMessageId: event.reactedProviderMessageId,
      emoji: event.emoji,
      at: event.at,
      phone: event.from,
      userId: event.user?.userId ?? null,
      messageId: target?.id ?? null,
      campaignId: target?.campaign_id ?? null,
      receivedAt
    })
    return stored && event.emoji !== '' ? (target?.campaign_id ?? null) : null
  }
}
