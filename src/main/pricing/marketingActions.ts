import { createHash } from 'node:crypto'
import type { MarketingActionRepo } from '../db/repos/marketingActionRepo'
import type { MarketingActionEvent } from '../providers/callbackItems'

/** Meta sends click events for Marketing Messages API messages of the last 7 days. */
export const CLICK_ATTRIBUTION_MS = 7 * 24 * 3600_000

export type MarketingActionOutcome =
  | { applied: true; campaignId: string }
  | { applied: false; reason: 'duplicate' | 'unattributed' | 'ambiguous' }

/** The provider's own key of an action; a hash of what it says when it sent neither key. */
function dedupeKey(e: MarketingActionEvent): string {
  const own = e.action === 'click' ? (e.clickId ?? e.trackingToken) : (e.trackingToken ?? e.clickId)
  if (own) return own
  // Neither key: the same item delivered twice still hashes the same.
  return createHash('sha256')
    .update(JSON.stringify([e.at, e.businessPhone ?? null, e.component, e.productId]))
    .digest('base64url')
}

/**
 * Applies Meta's click and landing page view webhooks. They name only the business number (no
 * user, no message: providers.md §6c), so each item is kept and counted per phone number and day,
 * and given to a campaign only when exactly one Marketing Messages API campaign of that number
 * (this account) was sending in the 7 days before it: the only campaign whose message could have
 * been clicked. Never to a user or a message. Duplicates (same click id / tracking token) change
 * nothing; unattributable items are counted by the caller in `callbacks.health.ignored`.
 */
export function createMarketingActionApplier(actions: MarketingActionRepo) {
  return function apply(
    e: MarketingActionEvent,
    providerId: string,
    inboxId: number | null
  ): MarketingActionOutcome {
    // Webhook times have whole seconds: a click in the send's own second is after it.
    const sending = actions.sendingBetween(providerId, e.at - CLICK_ATTRIBUTION_MS, e.at + 999)
    const campaignId = sending.length === 1 ? sending[0]! : null
    const added = actions.add({
      providerId,
      action: e.action,
      dedupeKey: dedupeKey(e),
      clickId: e.clickId,
      trackingToken: e.trackingToken,
      component: e.component,
      productId: e.productId,
      businessPhone: e.businessPhone ?? null,
      at: e.at,
      inboxId,
      campaignId
    })
    if (!added) return { applied: false, reason: 'duplicate' }
    if (!campaignId)
      return { applied: false, reason: sending.length > 1 ? 'ambiguous' : 'unattributed' }
    return { applied: true, campaignId }
  }
}
export type MarketingActionApplier = ReturnType<typeof createMarketingActionApplier>
