import type { Db } from '../openDb'

export interface InboundInsert {
  providerId: string
  providerMessageId: string
  phone: string
  userId: string | null
  at: number
  text: string | null
  quotedProviderMessageId: string | null
  messageId: number | null
  campaignId: string | null
  attributedBy: string | null
  receivedAt: number
}

export interface ReactionInsert {
  providerId: string
  providerMessageId: string
  reactedProviderMessageId: string
  emoji: string
  at: number
  phone: string | null
  userId: string | null
  messageId: number | null
  campaignId: string | null
  receivedAt: number
}

/**
 * The only writer of `inbound_message` (replies) and `inbound_reaction`: each stored once per
 * provider message id, so a provider's retries change nothing.
 */
export function createInboundRepo(db: Db) {
  const insertMessage = db.prepare(
    `INSERT INTO inbound_message (provider_id, provider_message_id, phone, user_id, at, text,
       quoted_provider_message_id, message_id, campaign_id, attributed_by, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, provider_message_id) DO NOTHING`
  )
  const replies = db.prepare<[number], { n: number; first: number | null }>(
    'SELECT COUNT(*) AS n, MIN(at) AS first FROM inbound_message WHERE message_id = ?'
  )
  const insertReaction = db.prepare(
    `INSERT INTO inbound_reaction (provider_id, provider_message_id, reacted_provider_message_id,
       emoji, at, phone, user_id, message_id, campaign_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, provider_message_id) DO NOTHING`
  )
  return {
    /** True when the reply was new (not a retry of one stored). */
    addMessage: (m: InboundInsert): boolean =>
      insertMessage.run(
        m.providerId,
        m.providerMessageId,
        m.phone,
        m.userId,
        m.at,
        m.text,
        m.quotedProviderMessageId,
        m.messageId,
        m.campaignId,
        m.attributedBy,
        m.receivedAt
      ).changes > 0,
    /** Replies to a campaign message: how many, and the first one's time. */
    repliesTo: (messageId: number): { n: number; first: number | null } => replies.get(messageId)!,
    /** True when the reaction was new. */
    addReaction: (r: ReactionInsert): boolean =>
      insertReaction.run(
        r.providerId,
        r.providerMessageId,
        r.reactedProviderMessageId,
        r.emoji,
        r.at,
        r.phone,
        r.userId,
        r.messageId,
        r.campaignId,
        r.receivedAt
      ).changes > 0
  }
}
export type InboundRepo = ReturnType<typeof createInboundRepo>
