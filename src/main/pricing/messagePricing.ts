import type { Db } from '../db/openDb'
import type { ReportedPricing } from '../providers/callbackItems'
import { countedAs } from './reportedPricing'

/**
 * The only writer of `message_pricing`: keeps the first pricing a provider reported for a message
 * (later statuses repeat it; duplicates and retries change nothing). The tally `stats.cost` reads
 * is kept by the table's insert trigger (migration 0090), so storing the row is all there is.
 */
export function createPricingRecorder(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO message_pricing (message_id, campaign_id, category, type, billable,
       pricing_model, counted_as, conversation_id, conversation_origin, conversation_expires_at, at, inbox_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  /** True when this was the message's first pricing. */
  return function record(
    messageId: number,
    campaignId: string,
    pricing: ReportedPricing,
    at: number,
    inboxId: number | null
  ): boolean {
    return (
      insert.run(
        messageId,
        campaignId,
        pricing.category,
        pricing.type,
        pricing.billable === null ? null : pricing.billable ? 1 : 0,
        pricing.pricingModel,
        countedAs(pricing),
        pricing.conversationId,
        pricing.conversationOrigin,
        pricing.conversationExpiresAt,
        at,
        inboxId
      ).changes > 0
    )
  }
}
export type PricingRecorder = ReturnType<typeof createPricingRecorder>
