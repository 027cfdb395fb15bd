/**
 * What a provider reported about one message's price: Meta's `pricing` and `conversation` objects
 * of a status (providers/meta/pricing reads them), kept once per message (pricing/messagePricing).
 */
export interface ReportedPricing {
  /** marketing | utility | authentication | authentication_international | service | … | unknown */
  category: string
  /** regular | free_customer_service | free_entry_point | … (whatever arrived) */
  type: string | null
  /** The deprecated flag as sent; null when absent. */
  billable: boolean | null
  pricingModel: string | null
  conversationId: string | null
  conversationOrigin: string | null
  conversationExpiresAt: number | null
}

/** How a priced message counts for cost (spec §6); pricing/reportedPricing decides it. */
export type CountedAs = 'billable' | 'free'
