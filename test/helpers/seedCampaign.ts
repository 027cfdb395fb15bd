import { randomUUID } from 'node:crypto'
import type { Db } from '../../src/main/db/openDb'

export interface SeededMessage {
  id: number
  phone: string
  ourId: string
  /** Null when the row was seeded without one (callbacks must match it by our id). */
  providerMessageId: string | null
  sentAt: number
}

export interface SeedOptions {
  providerId: string
  count: number
  /** Send time of message i: sentAt + i ms. */
  sentAt: number
  /** E.164 phones are `${phonePrefix}${i padded to 6 digits}`; reuse a prefix to share phones. */
  phonePrefix?: string
  /** Messages with index % n === 0 get no provider id stored (matched via our id). */
  withoutProviderIdEvery?: number
  campaignId?: string
}

/**
 * A launched campaign written straight into the tables (contact, campaign, message), so callback
 * tests do not depend on the dispatcher: every message is `sent` with a provider id `wamid.<our id>`.
 */
export function seedCampaign(db: Db, options: SeedOptions) {
  const campaignId = options.campaignId ?? randomUUID()
  const prefix = options.phonePrefix ?? '+1555'
  const now = options.sentAt
  const upsertContact = db.prepare(
    `INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, ?, '{}', ?, ?)
     ON CONFLICT (phone) DO UPDATE SET updated_at = excluded.updated_at RETURNING id`
  )
  const insertMessage = db.prepare(
    `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, dispatch_state,
       attempts, dispatched_at, provider_message_id, sent_at)
     VALUES (?, ?, ?, 'target', ?, ?, 'sent', 1, ?, ?, ?)`
  )
  const messages: SeededMessage[] = []
  db.transaction(() => {
    db.prepare(
      `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, qualified, created_at, updated_at)
       VALUES (?, ?, ?, '{}', 'running', ?, ?, ?, ?)`
    ).run(
      campaignId,
      `Seeded ${campaignId.slice(0, 8)}`,
      options.providerId,
      now,
      options.count,
      now,
      now
    )
    for (let i = 0; i < options.count; i++) {
      const phone = `${prefix}${String(i).padStart(6, '0')}`
      const contact = upsertContact.get(phone, `Person ${i}`, now, now) as { id: number }
      const ourId = `${campaignId.slice(0, 8)}-${i}`
      const every = options.withoutProviderIdEvery
      const providerMessageId = every && i % every === 0 ? null : `wamid.${ourId}`
      const sentAt = now + i
      const result = insertMessage.run(
        campaignId,
        contact.id,
        phone,
        i,
        ourId,
        sentAt,
        providerMessageId,
        sentAt
      )
      messages.push({ id: Number(result.lastInsertRowid), phone, ourId, providerMessageId, sentAt })
    }
  })()
  return { campaignId, messages }
}
