import type { CountedAs, ReportedPricing } from '../../../shared/domain/reportedPricing'
import type { Db } from '../openDb'

/** One message's pricing as kept: what the provider reported and how pricing/ counted it. */
export interface MessagePricing {
  messageId: number
  campaignId: string
  pricing: ReportedPricing
  countedAs: CountedAs
  /** The provider's time of the status that carried it. */
  at: number
  /** The callback's inbox row; null for a lookup. */
  inboxId: number | null
}

/**
 * The only writer of `message_pricing`: the first pricing a provider reported for a message is
 * kept (later statuses repeat it; duplicates and retries change nothing). The tally `stats.cost`
 * reads is kept by the table's insert trigger (migration 0090), so storing the row is all there is.
 */
export function createMessagePricingRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO message_pricing (message_id, campaign_id, category, type, billable,
       pricing_model, counted_as, conversation_id, conversation_origin, conversation_expires_at, at, inbox_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  return {
    /** True when this was the message's first pricing. */
    keepFirst(row: MessagePricing): boolean {
      const p = row.pricing
      return (
        insert.run(
          row.messageId,
          row.campaignId,
          p.category,
          p.type,
          p.billable === null ? null : p.billable ? 1 : 0,
          p.pricingModel,
          row.countedAs,
          p.conversationId,
          p.conversationOrigin,
          p.conversationExpiresAt,
          row.at,
          row.inboxId
        ).changes > 0
      )
    }
  }
}
export type MessagePricingRepo = ReturnType<typeof createMessagePricingRepo>
