import { goalColumns } from '../../../src/main/db/repos/campaignRepo'
import type { Db } from '../../../src/main/db/openDb'
import { createMessagePricingRepo } from '../../../src/main/db/repos/messagePricingRepo'
import { createPricingRecorder } from '../../../src/main/pricing/messagePricing'
import type { ReportedPricing } from '../../../src/shared/domain/reportedPricing'

/** Rates written out by hand (USD per delivered message). */
export const RATE_CARD_CSV = [
  'WhatsApp rate card (per delivered message),,,,,,',
  'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service',
  'India,USD,0.01,0.002,0.002,0.028,0',
  'Brazil,USD,0.06,0.008,0.008,,0',
  'India,INR,0.86,0.13,0.13,2.30,0'
].join('\n')

const SENT_AT = Date.UTC(2026, 10, 2, 10, 0, 0)
const HOUR = 3_600_000
let nextContact = 1

export function seedProvider(db: Db, id: string, type: string): void {
  db.prepare(
    `INSERT INTO provider (id, type, name, callback_token, rate_per_second, created_at, updated_at)
     VALUES (?, ?, ?, ?, 80, 0, 0)`
  ).run(id, type, id, `tok-${id}`)
}

export function seedCampaign(
  db: Db,
  id: string,
  providerId: string,
  templateCategory: string | null = null,
  /** The goal's revenue currency; none: Settings' default applies. */
  currency?: string
): void {
  const draft = {
    name: id,
    conversion: {
      event: 'purchase',
      windowHours: 48,
      revenueProperty: 'revenue',
      ...(currency ? { currency } : {})
    }
  }
  db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, template_category, created_at, updated_at,
       goal_event, goal_window_ms, goal_revenue_property)
     VALUES (@id, @name, @providerId, @draft, 'completed', @templateCategory, 0, 0,
       @goal_event, @goal_window_ms, @goal_revenue_property)`
  ).run({
    id,
    name: `Campaign ${id}`,
    providerId,
    draft: JSON.stringify(draft),
    templateCategory,
    // The goal lives in typed columns (written from TypeScript), not read from the draft JSON.
    ...goalColumns(draft)
  })
}

interface Recipient {
  phone: string
  grp: 'target' | 'control'
  delivered?: boolean
  pricing?: Partial<ReportedPricing> & { category: string }
  /** A purchase with this revenue 2 h after the send (or set-aside) time. */
  purchase?: number
}

/** Writes contacts, messages, reported pricing (through the real recorder) and goal events. */
export function addRecipients(db: Db, campaignId: string, recipients: Recipient[]): void {
  const record = createPricingRecorder(createMessagePricingRepo(db))
  for (const r of recipients) {
    const contactId = nextContact++
    db.prepare(
      'INSERT INTO contact (id, phone, name, created_at, updated_at) VALUES (?, ?, NULL, 0, 0)'
    ).run(contactId, `${r.phone}${String(contactId).padStart(4, '0')}`)
    const phone = `${r.phone}${String(contactId).padStart(4, '0')}`
    const target = r.grp === 'target'
    const messageId = Number(
      db
        .prepare(
          `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, dispatch_state,
             set_aside_at, sent_at, provider_message_id, status, delivered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          campaignId,
          contactId,
          phone,
          r.grp,
          contactId,
          `${campaignId}-${contactId}`,
          target ? 'sent' : 'control',
          target ? null : SENT_AT,
          target ? SENT_AT : null,
          target ? `wamid.${campaignId}.${contactId}` : null,
          target ? (r.delivered === false ? 'sent' : 'delivered') : null,
          target && r.delivered !== false ? SENT_AT + 60_000 : null
        ).lastInsertRowid
    )
    if (r.pricing)
      record(
        messageId,
        campaignId,
        {
          type: 'regular',
          billable: null,
          pricingModel: 'PMP',
          conversationId: null,
          conversationOrigin: null,
          conversationExpiresAt: null,
          ...r.pricing
        },
        SENT_AT,
        null
      )
    if (r.purchase !== undefined)
      db.prepare(
        `INSERT INTO contact_event (contact_id, event, at, revenue, properties, source, created_at)
         VALUES (?, 'purchase', ?, ?, '{}', 'import', 0)`
      ).run(contactId, SENT_AT + 2 * HOUR, r.purchase)
  }
}

export const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make)
