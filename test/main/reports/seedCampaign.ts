import { randomBytes } from 'node:crypto'
import { goalColumns } from '../../../src/main/db/repos/campaignRepo'
import type { Db } from '../../../src/main/db/openDb'
import { suspendCampaignStats } from '../../../src/main/db/repos/statsCounterRepo'

export interface SeedOptions {
  recipients: number
  /** Contact names used in turn (formula-looking names go here). */
  names?: string[]
  campaignName?: string
  start?: number
  /**
   * Bulk load: the stats triggers skip the campaign (stats_suspended) and the engine counts it
   * in the background, as for any bulk load.
   */
  suspendStats?: boolean
  /** Time between two users' sends (default 1 s); larger spreads the trend over days. */
  stepMs?: number
  /** The draft's audience (default all contacts); only what the campaign says, not who was sent. */
  audience?: { all: true } | { filter: { property: string; op: string; value?: string }[] }
}

const DISPATCH_ERRORS = ['timeout', 'invalid_request', 'rate_limited', 'campaign_limit']
const FAILURES: [string, string][] = [
  ['131026', 'Message undeliverable'],
  ['131047', 'Re-engagement message'],
  ['131049', 'Meta chose not to deliver']
]

/**
 * A completed campaign written straight into the schema, the way dispatch and callbacks leave
 * it: control users set aside, dispatch errors, outcome unknown, every delivery state, failures
 * with provider codes, replies, and goal events inside and outside the conversion window.
 */
export function seedCampaign(db: Db, options: SeedOptions): { campaignId: string; name: string } {
  const start = options.start ?? Date.UTC(2026, 10, 20, 9, 0, 0)
  const name = options.campaignName ?? 'Diwali offer'
  const campaignId = `camp-${randomBytes(4).toString('hex')}`
  const providerId = `prov-${randomBytes(4).toString('hex')}`
  const names = options.names ?? []
  const draft = {
    name,
    providerId,
    template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
    audience: options.audience ?? { all: true },
    controlGroupPercent: 10,
    conversion: { event: 'purchase', windowHours: 48, revenueProperty: 'revenue' },
    limit: null,
    ratePerSecond: 80,
    scheduleAt: null
  }
  const insertContact = db.prepare(
    `INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, ?, '{}', ?, ?)
     ON CONFLICT (phone) DO UPDATE SET name = excluded.name RETURNING id`
  )
  const insertMessage = db.prepare(
    `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, dispatch_state,
       dispatch_error, set_aside_at, dispatched_at, provider_message_id, sent_at, status,
       status_sent_at, delivered_at, read_at, failed_at, failure_code, failure_title,
       first_reply_at, reply_count)
     VALUES (@campaignId, @contactId, @phone, @grp, @seq, @ourId, @state, @dispatchError,
       @setAsideAt, @dispatchedAt, @providerId, @sentAt, @status, @statusSentAt, @deliveredAt,
       @readAt, @failedAt, @failureCode, @failureTitle, @firstReplyAt, @replyCount)`
  )
  const insertEvent = db.prepare(
    `INSERT INTO contact_event (contact_id, event, at, revenue, properties, source, created_at)
     VALUES (?, 'purchase', ?, ?, '{}', 'import', ?)`
  )
  db.transaction(() => {
    db.prepare(
      `INSERT INTO provider (id, type, name, public_config, callback_token, rate_per_second, created_at, updated_at)
       VALUES (?, 'sandbox', 'Sandbox', '{}', ?, 80, ?, ?)`
    ).run(providerId, randomBytes(16).toString('hex'), start, start)
    db.prepare(
      `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, completed_at, qualified,
         created_at, updated_at, goal_event, goal_window_ms, goal_revenue_property)
       VALUES (@campaignId, @name, @providerId, @draft, 'completed', @start, @end, @recipients,
         @start, @start, @goal_event, @goal_window_ms, @goal_revenue_property)`
    ).run({
      campaignId,
      name,
      providerId,
      draft: JSON.stringify(draft),
      start,
      end: start + 86_400_000,
      recipients: options.recipients,
      ...goalColumns(draft)
    })
    if (options.suspendStats) suspendCampaignStats(db, campaignId)
    for (let i = 0; i < options.recipients; i++) {
      const phone = `+1415${String(5_000_000 + i).padStart(7, '0')}`
      const contactName = names.length ? names[i % names.length]! : `Person ${i}`
      const { id: contactId } = insertContact.get(phone, contactName, start, start) as {
        id: number
      }
      const t = start + i * (options.stepMs ?? 1000)
      const m = {
        campaignId,
        contactId,
        phone,
        grp: 'target',
        seq: i,
        ourId: `${campaignId}-${i}`,
        state: 'sent',
        dispatchError: null as string | null,
        setAsideAt: null as number | null,
        dispatchedAt: t as number | null,
        providerId: null as string | null,
        sentAt: null as number | null,
        status: null as string | null,
        statusSentAt: null as number | null,
        deliveredAt: null as number | null,
        readAt: null as number | null,
        failedAt: null as number | null,
        failureCode: null as string | null,
        failureTitle: null as string | null,
        firstReplyAt: null as number | null,
        replyCount: 0
      }
      const kind = i % 20
      if (i % 10 === 3) {
        Object.assign(m, { grp: 'control', state: 'control', setAsideAt: t, dispatchedAt: null })
      } else if (kind === 1) {
        Object.assign(m, { state: 'error', dispatchError: DISPATCH_ERRORS[((i / 20) % 4) | 0]! })
      } else if (kind === 5) {
        Object.assign(m, { state: 'unknown' })
      } else {
        m.providerId = `wamid.${campaignId}.${i}`
        m.sentAt = t + 200
        const s = i % 7
        if (s === 1) m.status = null
        else if (s === 2) Object.assign(m, { status: 'sent', statusSentAt: t + 900 })
        else if (s === 3) {
          const [code, title] = FAILURES[i % FAILURES.length]!
          Object.assign(m, {
            status: 'failed',
            failedAt: t + 5000,
            failureCode: code,
            failureTitle: title
          })
        } else if (s === 4) Object.assign(m, { status: 'delivered', deliveredAt: t + 3000 })
        else Object.assign(m, { status: 'read', deliveredAt: t + 3000, readAt: t + 60_000 })
        if (i % 9 === 0 && m.status !== 'failed')
          Object.assign(m, { firstReplyAt: t + 120_000, replyCount: 1 + (i % 3) })
      }
      insertMessage.run(m)
      const anchor = m.grp === 'control' ? m.setAsideAt : m.sentAt
      if (anchor !== null && i % 4 === 0)
        insertEvent.run(contactId, anchor + 3_600_000, 10 + (i % 5), start)
      if (anchor !== null && i % 11 === 0)
        insertEvent.run(contactId, anchor + 72 * 3_600_000, 99, start)
    }
  })()
  return { campaignId, name }
}
