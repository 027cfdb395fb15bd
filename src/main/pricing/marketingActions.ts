import { createHash } from 'node:crypto'
import type { Db } from '../db/openDb'
import type { MarketingActionEvent } from '../providers/callbackItems'

/** Clicks are attributed to the last marketing message sent to the user within this window. */
export const CLICK_ATTRIBUTION_MS = 7 * 24 * 3600_000

export type MarketingActionOutcome =
  { applied: true; campaignId: string } | { applied: false; reason: 'duplicate' | 'unattributed' }

interface MessageRef {
  id: number
  campaign_id: string
  grp: string
}

/**
 * The only writer of `marketing_action` and `marketing_tally`.
 * A click is attributed to the message in its context, else to the last Marketing Messages API
 * message sent to that user in the 7 days before it; a landing page view to the click with the
 * same tracking token (else click id), in either arrival order. `clicked` counts each target user
 * once; duplicates and actions for unknown messages change no stat (the caller counts them in
 * `callbacks.health.ignored`).
 */
export function createMarketingActionApplier(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO marketing_action (provider_id, kind, dedupe_key, click_id, tracking_token,
       component, product_id, message_id, campaign_id, at, inbox_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const byProviderId = db.prepare<[string, string], MessageRef>(
    `SELECT m.id, m.campaign_id, m.grp FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.provider_message_id = ? AND c.provider_id = ?`
  )
  const lastMarketingTo = db.prepare<[string, string, number, number], MessageRef>(
    `SELECT m.id, m.campaign_id, m.grp FROM message m
       JOIN campaign c ON c.id = m.campaign_id
       JOIN marketing_send s ON s.message_id = m.id
     WHERE m.phone = ? AND c.provider_id = ? AND m.sent_at <= ? AND m.sent_at >= ?
     ORDER BY m.sent_at DESC LIMIT 1`
  )
  type Keys = { provider: string; token: string | null; click: string | null }
  // Correlation: the tracking token, else the click id (Meta, "Track landing page views").
  const correlatedClick = db.prepare<[Keys], MessageRef>(
    `SELECT m.id, m.campaign_id, m.grp FROM marketing_action a JOIN message m ON m.id = a.message_id
     WHERE a.provider_id = @provider AND a.kind = 'click'
       AND (a.tracking_token = @token OR (@token IS NULL AND a.click_id = @click)) LIMIT 1`
  )
  const orphanViews = db.prepare<[Keys], { id: number }>(
    `SELECT id FROM marketing_action WHERE provider_id = @provider AND kind = 'landing_page_view'
       AND message_id IS NULL
       AND (tracking_token = @token OR (tracking_token IS NULL AND click_id = @click))`
  )
  const attach = db.prepare(
    'UPDATE marketing_action SET message_id = ?, campaign_id = ? WHERE id = ?'
  )
  const alreadyClicked = db.prepare<[number, number], number>(
    `SELECT 1 FROM marketing_action WHERE message_id = ? AND kind = 'click' AND id <> ? LIMIT 1`
  )
  alreadyClicked.pluck()
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
      .update(JSON.stringify([e.at, e.from, e.quotedProviderMessageId, e.component, e.productId]))
      .digest('base64url')
  }

  function attribute(e: MarketingActionEvent, providerId: string): MessageRef | undefined {
    if (e.quotedProviderMessageId) {
      const quoted = byProviderId.get(e.quotedProviderMessageId, providerId)
      if (quoted) return quoted
    }
    if (e.action === 'landing_page_view' && (e.trackingToken || e.clickId)) {
      const click = correlatedClick.get({
        provider: providerId,
        token: e.trackingToken,
        click: e.clickId
      })
      if (click) return click
    }
    // Webhook times have whole seconds: a click in the send's own second is after it.
    if (e.from)
      return lastMarketingTo.get(e.from, providerId, e.at + 999, e.at - CLICK_ATTRIBUTION_MS)
    return undefined
  }

  function countClick(target: MessageRef, actionId: number): void {
    if (target.grp === 'target' && !alreadyClicked.get(target.id, actionId))
      bump.run(target.campaign_id, 1, 0)
  }

  return function apply(
    e: MarketingActionEvent,
    providerId: string,
    inboxId: number | null
  ): MarketingActionOutcome {
    const target = attribute(e, providerId)
    const info = insert.run(
      providerId,
      e.action,
      dedupeKey(e),
      e.clickId,
      e.trackingToken,
      e.component,
      e.productId,
      target?.id ?? null,
      target?.campaign_id ?? null,
      e.at,
      inboxId
    )
    if (info.changes === 0) return { applied: false, reason: 'duplicate' }
    if (!target) return { applied: false, reason: 'unattributed' }
    const actionId = Number(info.lastInsertRowid)
    if (e.action === 'landing_page_view') bump.run(target.campaign_id, 0, 1)
    else {
      countClick(target, actionId)
      // Views that arrived before their click now know their message.
      for (const view of orphanViews.all({
        provider: providerId,
        token: e.trackingToken,
        click: e.clickId
      })) {
        attach.run(target.id, target.campaign_id, view.id)
        bump.run(target.campaign_id, 0, 1)
      }
    }
    return { applied: true, campaignId: target.campaign_id }
  }
}
export type MarketingActionApplier = ReturnType<typeof createMarketingActionApplier>
