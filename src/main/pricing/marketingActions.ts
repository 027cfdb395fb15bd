import { createHash } from 'node:crypto'
import type { Db } from '../db/openDb'
import type { MarketingActionEvent } from '../providers/callbackItems'

/** Meta sends click events for Marketing Messages API messages of the last 7 days. */
export const CLICK_ATTRIBUTION_MS = 7 * 24 * 3600_000

export type MarketingActionOutcome =
  | { applied: true; campaignId: string }
  | { applied: false; reason: 'duplicate' | 'unattributed' | 'ambiguous' }

/**
 * The only writer of `marketing_action` and `marketing_tally`. Meta's click and landing page view
 * webhooks name only the business number (no user, no message: providers.md §6c), so each item is
 * kept and counted per phone number and day, and given to a campaign only when exactly one
 * Marketing Messages API campaign of that number (this account) was sending in the 7 days before
 * it: the only campaign whose message could have been clicked. Never to a user or a message.
 * Duplicates (same click id / tracking token) change nothing; unattributable items are counted
 * by the caller in `callbacks.health.ignored`.
 */
export function createMarketingActionApplier(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO marketing_action (provider_id, kind, dedupe_key, click_id, tracking_token,
       component, product_id, message_id, campaign_id, at, inbox_id, business_phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`
  )
  // Campaigns of the account that sent through the API and were sending in the window (small
  // table; marketing_send_tally says whether any message went through the API).
  const candidates = db.prepare<[string, number, number], { id: string }>(
    `SELECT c.id FROM campaign c
     WHERE c.provider_id = ? AND c.launched_at IS NOT NULL AND c.launched_at <= ?
       AND (c.completed_at IS NULL OR c.completed_at >= ?)
       AND EXISTS (SELECT 1 FROM marketing_send_tally s WHERE s.campaign_id = c.id AND s.n > 0)
     LIMIT 2`
  )
  const bump = db.prepare(
    `INSERT INTO marketing_tally (campaign_id, clicked, landing_page_views) VALUES (?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE SET clicked = clicked + excluded.clicked,
       landing_page_views = landing_page_views + excluded.landing_page_views`
  )

  function dedupeKey(e: MarketingActionEvent): string {
    const own =
      e.action === 'click' ? (e.clickId ?? e.trackingToken) : (e.trackingToken ?? e.clickId)
    if (own) return own
    // Neither key: the same item delivered twice still hashes the same.
    return createHash('sha256')
      .update(JSON.stringify([e.at, e.businessPhone ?? null, e.component, e.productId]))
      .digest('base64url')
  }

  return function apply(
    e: MarketingActionEvent,
    providerId: string,
    inboxId: number | null
  ): MarketingActionOutcome {
    // Webhook times have whole seconds: a click in the send's own second is after it.
    const sending = candidates.all(providerId, e.at + 999, e.at - CLICK_ATTRIBUTION_MS)
    const campaignId = sending.length === 1 ? sending[0]!.id : null
    const info = insert.run(
      providerId,
      e.action,
      dedupeKey(e),
      e.clickId,
      e.trackingToken,
      e.component,
      e.productId,
      campaignId,
      e.at,
      inboxId,
      e.businessPhone ?? null
    )
    if (info.changes === 0) return { applied: false, reason: 'duplicate' }
    if (!campaignId)
      return { applied: false, reason: sending.length > 1 ? 'ambiguous' : 'unattributed' }
    bump.run(campaignId, e.action === 'click' ? 1 : 0, e.action === 'landing_page_view' ? 1 : 0)
    return { applied: true, campaignId }
  }
}
export type MarketingActionApplier = ReturnType<typeof createMarketingActionApplier>
