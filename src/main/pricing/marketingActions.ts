import { createHash } from 'node:crypto'
import type { Db } from '../db/openDb'
import type { MarketingActionEvent } from './metaUserActions'

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
 * The only writer of `marketing_action`, `marketing_tally` and `marketing_action_ignored`.
 * A click is attributed to the message in its context, else to the last Marketing Messages API
 * message sent to that user in the 7 days before it; a landing page view to the click with the
 * same tracking token (else click id), in either arrival order. `clicked` counts each target user
 * once; duplicates and actions for unknown messages change no stat and are counted per provider.
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
  const correlatedClick = db.prepare<[string, string | null, string | null], MessageRef>(
    `SELECT m.id, m.campaign_id, m.grp FROM marketing_action a JOIN message m ON m.id = a.message_id
     WHERE a.provider_id = ? AND a.kind = 'click'
       AND (a.tracking_token = ?2 OR (?2 IS NULL AND a.click_id = ?3)) LIMIT 1`
  )
  const orphanViews = db.prepare<[string, string | null, string | null], { id: number }>(
    `SELECT id FROM marketing_action WHERE provider_id = ? AND kind = 'landing_page_view'
       AND message_id IS NULL AND (tracking_token = ?2 OR (tracking_token IS NULL AND click_id = ?3))`
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
  const unignore = db.prepare(
    'UPDATE marketing_action_ignored SET n = n - 1 WHERE provider_id = ? AND reason = ? AND n > 0'
  )
  const ignored = db.prepare(
    `INSERT INTO marketing_action_ignored (provider_id, reason, n) VALUES (?, ?, 1)
     ON CONFLICT (provider_id, reason) DO UPDATE SET n = n + 1`
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
      const click = correlatedClick.get(providerId, e.trackingToken, e.clickId)
      if (click) return click
    }
    if (e.from) return lastMarketingTo.get(e.from, providerId, e.at, e.at - CLICK_ATTRIBUTION_MS)
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
    if (info.changes === 0) {
      ignored.run(providerId, `duplicate_${e.action}`)
      return { applied: false, reason: 'duplicate' }
    }
    if (!target) {
      ignored.run(providerId, `unattributed_${e.action}`)
      return { applied: false, reason: 'unattributed' }
    }
    const actionId = Number(info.lastInsertRowid)
    if (e.action === 'landing_page_view') bump.run(target.campaign_id, 0, 1)
    else {
      countClick(target, actionId)
      // Views that arrived before their click now know their message.
      for (const view of orphanViews.all(providerId, e.trackingToken, e.clickId)) {
        attach.run(target.id, target.campaign_id, view.id)
        unignore.run(providerId, 'unattributed_landing_page_view')
        bump.run(target.campaign_id, 0, 1)
      }
    }
    return { applied: true, campaignId: target.campaign_id }
  }
}
export type MarketingActionApplier = ReturnType<typeof createMarketingActionApplier>
