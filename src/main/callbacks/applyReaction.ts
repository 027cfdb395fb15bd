import type { Db } from '../db/openDb'
import type { ReactionEvent } from '../providers/types'
import type { Attributor } from './attribution'

/**
 * Stores a reaction once (by its own id) and attributes it to the reacted message. A reaction is
 * not a reply: reply counts are untouched. `reacted` counts distinct messages with a non-empty
 * reaction; a removal (empty emoji) is kept but is not another event and undoes nothing.
 */
export function createReactionApplier(db: Db, attributor: Attributor) {
  const insert = db.prepare(
    `INSERT INTO inbound_reaction (provider_id, provider_message_id, reacted_provider_message_id,
       emoji, at, phone, user_id, message_id, campaign_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, provider_message_id) DO NOTHING`
  )
  return function apply(event: ReactionEvent, providerId: string, receivedAt: number) {
    const target = attributor.message(event.reactedProviderMessageId, providerId)
    const result = insert.run(
      providerId,
      event.providerMessageId,
      event.reactedProviderMessageId,
      event.emoji,
      event.at,
      event.from,
      event.user?.userId ?? null,
      target?.id ?? null,
      target?.campaign_id ?? null,
      receivedAt
    )
    return result.changes > 0 && event.emoji !== '' ? (target?.campaign_id ?? null) : null
  }
}
