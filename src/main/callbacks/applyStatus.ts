import type { DeliveryStatus } from '../../shared/domain/dispatch'
import type { Db } from '../db/openDb'
import { createPricingRecorder } from '../pricing/messagePricing'
import type { DeliveryColumns, MessageRepo } from '../db/repos/messageRepo'
import type { StatusEvent } from '../providers/types'

interface MessageRow extends DeliveryColumns {
  id: number
  campaign_id: string
  phone: string
  contact_id: number
  provider_message_id: string | null
  dispatch_state: string
}

interface LogRow {
  status: DeliveryStatus
  at: number
  error_code: string | null
  error_title: string | null
}

const COLUMNS = `m.id, m.campaign_id, m.phone, m.contact_id, m.provider_message_id, m.dispatch_state, m.status, m.status_sent_at,
  m.delivered_at, m.read_at, m.failed_at, m.failure_code, m.failure_title`

/**
 * The delivery columns of a message as a pure function of its status log (spec §4), so any arrival
 * order and any duplicates give the same row: read ⇒ delivered (delivered_at = the delivered time
 * if reported, else the read time); delivered/read beat failed; else failed; else sent.
 * failure_code/title/failed_at describe the (earliest) failure only while the message IS failed;
 * once a delivery wins they are cleared on the row (stats count delivery errors from them) and the
 * failure stays in message_status_log.
 */
export function deliveryColumns(log: LogRow[]): DeliveryColumns {
  const by = new Map(log.map((r) => [r.status, r]))
  const sent = by.get('sent')
  const delivered = by.get('delivered')
  const read = by.get('read')
  const failed = by.get('failed')
  const status: DeliveryStatus | null = read
    ? 'read'
    : delivered
      ? 'delivered'
      : failed
        ? 'failed'
        : sent
          ? 'sent'
          : null
  const isFailed = status === 'failed'
  return {
    status,
    status_sent_at: sent?.at ?? null,
    delivered_at: delivered?.at ?? read?.at ?? null,
    read_at: read?.at ?? null,
    failed_at: isFailed ? failed!.at : null,
    failure_code: isFailed ? failed!.error_code : null,
    failure_title: isFailed ? failed!.error_title : null
  }
}

/**
 * Where a status came from: a provider callback, or a `lookup` of the provider's own record of a
 * message whose report never came (Twilio's Message resource, Infobip's reports). Both go through
 * the same applier, so a lookup obeys the same rules (best evidence wins, duplicates change nothing).
 */
export type StatusSource = 'callback' | 'lookup'

export type StatusOutcome =
  | {
      matched: true
      messageId: number
      campaignId: string
      phone: string
      contactId: number
      /** The message had no report at all before this status (it was awaiting one). */
      filled: boolean
    }
  | { matched: false }

/** Prepared statements that match a status to its message and apply it idempotently. */
export function createStatusApplier(db: Db, messages: MessageRepo) {
  const recordPricing = createPricingRecorder(db)
  const byProviderId = db.prepare<[string, string], MessageRow>(
    `SELECT ${COLUMNS} FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.provider_message_id = ? AND c.provider_id = ?`
  )
  const byOurId = db.prepare<[string, string], MessageRow>(
    `SELECT ${COLUMNS} FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.our_id = ? AND c.provider_id = ?`
  )
  // Per (message, status) the earliest provider timestamp wins (ties: the smaller error code), so
  // duplicates and retries change nothing and the result does not depend on arrival order.
  const upsertLog = db.prepare(
    `INSERT INTO message_status_log (message_id, status, at, error_code, error_title, error_detail, inbox_id, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id, status) DO UPDATE SET
       at = excluded.at, error_code = excluded.error_code, error_title = excluded.error_title,
       error_detail = excluded.error_detail, inbox_id = excluded.inbox_id, source = excluded.source
     WHERE excluded.at < message_status_log.at
        OR (excluded.at = message_status_log.at
            AND COALESCE(excluded.error_code, '') < COALESCE(message_status_log.error_code, ''))`
  )
  const readLog = db.prepare<[number], LogRow>(
    'SELECT status, at, error_code, error_title FROM message_status_log WHERE message_id = ?'
  )

  // Gupshup MM Lite and late reports carry WhatsApp's id, announced earlier as an alias.
  const byAlias = db.prepare<[string, string, string], MessageRow>(
    `SELECT ${COLUMNS} FROM message_alias a
     JOIN message m ON m.provider_message_id = a.provider_message_id
     JOIN campaign c ON c.id = m.campaign_id
     WHERE a.provider_id = ? AND a.alias = ? AND c.provider_id = ?`
  )

  function find(event: StatusEvent, providerId: string): MessageRow | undefined {
    if (event.providerMessageId) {
      const row =
        byProviderId.get(event.providerMessageId, providerId) ??
        byAlias.get(providerId, event.providerMessageId, providerId)
      if (row) return row
    }
    if (event.ourId) {
      const row = byOurId.get(event.ourId, providerId)
      if (row && event.providerMessageId && row.provider_message_id === null) {
        messages.fillProviderId(row.id, event.providerMessageId)
        row.provider_message_id = event.providerMessageId
      }
      return row
    }
    return undefined
  }

  /** `inboxId`: the callback's inbox row; null for a lookup (no callback carried it). */
  return function apply(
    event: StatusEvent,
    providerId: string,
    inboxId: number | null,
    source: StatusSource = 'callback'
  ): StatusOutcome {
    const row = find(event, providerId)
    if (!row) return { matched: false }
    // A status is proof the request reached the provider: resolve "outcome unknown" (and a
    // timeout or network error, whose answer we never saw) into sent first.
    if (row.dispatch_state === 'unknown' || row.dispatch_state === 'error')
      messages.reconcileUnknown(row.id, event.at)
    upsertLog.run(
      row.id,
      event.status,
      event.at,
      event.errorCode ?? null,
      event.errorTitle ?? null,
      event.errorDetail ?? null,
      inboxId,
      source
    )
    const next = deliveryColumns(readLog.all(row.id))
    const changed = (Object.keys(next) as (keyof DeliveryColumns)[]).some((k) => next[k] !== row[k])
    if (changed) messages.applyDeliveryColumns(row.id, next)
    // The first pricing reported for the message is kept (pricing/messagePricing).
    if (event.pricing) recordPricing(row.id, row.campaign_id, event.pricing, event.at, inboxId)
    return {
      matched: true,
      messageId: row.id,
      campaignId: row.campaign_id,
      phone: row.phone,
      contactId: row.contact_id,
      filled: row.status === null && next.status !== null
    }
  }
}
