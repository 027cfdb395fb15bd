import type { Db } from '../db/openDb'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { InboundEvent } from '../providers/types'

interface Target {
  id: number
  campaign_id: string
}

export type InboundOutcome =
  { stored: false } | { stored: true; campaignId: string | null; messageId: number | null }

/**
 * Stores an inbound message once (deduplicated by provider message id) and attributes it: to the
 * campaign message it quotes, else to the last campaign message sent to that phone (by this
 * provider) before the reply, else nobody (kept and counted as unattributed).
 */
export function createInboundApplier(db: Db, messages: MessageRepo) {
  const quoted = db.prepare<[string, string, string], Target>(
    `SELECT m.id, m.campaign_id FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE (m.provider_message_id = ? OR m.our_id = ?) AND c.provider_id = ? LIMIT 1`
  )
  const lastSent = db.prepare<[string, number, string], Target>(
    `SELECT m.id, m.campaign_id FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.phone = ? AND m.sent_at IS NOT NULL AND m.sent_at <= ? AND c.provider_id = ?
     ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`
  )
  const insert = db.prepare(
    `INSERT INTO inbound_message (provider_id, provider_message_id, phone, at, text,
       quoted_provider_message_id, message_id, campaign_id, attributed_by, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, provider_message_id) DO NOTHING`
  )
  const replies = db.prepare<[number], { n: number; first: number | null }>(
    'SELECT COUNT(*) AS n, MIN(at) AS first FROM inbound_message WHERE message_id = ?'
  )

  return function apply(
    event: InboundEvent,
    providerId: string,
    receivedAt: number
  ): InboundOutcome {
    let target: Target | undefined
    let by: 'quote' | 'last_sent' | null = null
    if (event.quotedProviderMessageId) {
      target = quoted.get(event.quotedProviderMessageId, event.quotedProviderMessageId, providerId)
      if (target) by = 'quote'
    }
    if (!target && event.from) {
      target = lastSent.get(event.from, event.at, providerId)
      if (target) by = 'last_sent'
    }
    const result = insert.run(
      providerId,
      event.providerMessageId,
      event.from ?? '',
      event.at,
      event.text,
      event.quotedProviderMessageId,
      target?.id ?? null,
      target?.campaign_id ?? null,
      by,
      receivedAt
    )
    if (result.changes === 0) return { stored: false }
    if (target) {
      const r = replies.get(target.id)!
      messages.setReplies(target.id, r.n, r.first)
    }
    return { stored: true, campaignId: target?.campaign_id ?? null, messageId: target?.id ?? null }
  }
}
