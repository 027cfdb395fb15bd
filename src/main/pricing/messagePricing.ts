import type { MessagePricingRepo } from '../db/repos/messagePricingRepo'
import type { ReportedPricing } from '../../shared/domain/reportedPricing'
import { countedAs } from './reportedPricing'

/**
 * Keeps the first pricing a provider reported for a message, counted as billable or free by
 * pricing's rule (`countedAs`); later statuses repeat it and change nothing.
 */
export function createPricingRecorder(store: MessagePricingRepo) {
  /** True when this was the message's first pricing. */
  return function record(
    messageId: number,
    campaignId: string,
    pricing: ReportedPricing,
    at: number,
    inboxId: number | null
  ): boolean {
    return store.keepFirst({
      messageId,
      campaignId,
      pricing,
      countedAs: countedAs(pricing),
      at,
      inboxId
    })
  }
}
export type PricingRecorder = ReturnType<typeof createPricingRecorder>
