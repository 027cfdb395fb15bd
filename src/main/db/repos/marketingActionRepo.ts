import type { MarketingAction } from '../../../shared/domain/marketingAction'
import type { Db } from '../openDb'

/** One click or landing page view as kept, with the campaign pricing/ gave it to (if any). */
export interface MarketingActionRow {
  providerId: string
  action: MarketingAction
  /** What makes a redelivery the same item (the provider's click id or tracking token). */
  dedupeKey: string
  clickId: string | null
  trackingToken: string | null
  component: string | null
  productId: string | null
  /** The business phone number it came through, as the webhook named it. */
  businessPhone: string | null
  at: number
  inboxId: number | null
  /** Null when no campaign, or more than one, could have been clicked. */
  campaignId: string | null
}

/**
 * The only writer of `marketing_action` and `marketing_tally` (the per-campaign counts the stats
 * read: `createMarketingStatsReader`). Which campaign an item goes to is pricing/'s decision
 * (pricing/marketingActions); this keeps each item once and counts it for that campaign.
 */
export function createMarketingActionRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO marketing_action (provider_id, kind, dedupe_key, click_id, tracking_token,
       component, product_id, message_id, campaign_id, at, inbox_id, business_phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`
  )
  // Campaigns of the account that sent through the API and were sending in the window (small
  // table; marketing_send_tally says whether any message went through the API).
  const sending = db
    .prepare<[string, number, number], string>(
      `SELECT c.id FROM campaign c
       WHERE c.provider_id = ? AND c.launched_at IS NOT NULL AND c.launched_at <= ?
         AND (c.completed_at IS NULL OR c.completed_at >= ?)
         AND EXISTS (SELECT 1 FROM marketing_send_tally s WHERE s.campaign_id = c.id AND s.n > 0)
       LIMIT 2`
    )
    .pluck()
  const bump = db.prepare(
    `INSERT INTO marketing_tally (campaign_id, clicked, landing_page_views) VALUES (?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE SET clicked = clicked + excluded.clicked,
       landing_page_views = landing_page_views + excluded.landing_page_views`
  )
  return {
    /**
     * Campaigns of the account that sent through the Marketing Messages API and were sending at
     * some time in [from, until] (launched by `until`, not completed before `from`). At most two:
     * enough to tell none, exactly one and several apart.
     */
    sendingBetween: (providerId: string, from: number, until: number): string[] =>
      sending.all(providerId, until, from),
    /** Keeps the item and counts it for its campaign; false for a duplicate (nothing changes). */
    add(row: MarketingActionRow): boolean {
      const kept = insert.run(
        row.providerId,
        row.action,
        row.dedupeKey,
        row.clickId,
        row.trackingToken,
        row.component,
        row.productId,
        row.campaignId,
        row.at,
        row.inboxId,
        row.businessPhone
      )
      if (kept.changes === 0) return false
      if (row.campaignId)
        bump.run(
          row.campaignId,
          row.action === 'click' ? 1 : 0,
          row.action === 'landing_page_view' ? 1 : 0
        )
      return true
    }
  }
}
export type MarketingActionRepo = ReturnType<typeof createMarketingActionRepo>
