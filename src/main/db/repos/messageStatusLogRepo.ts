import type { DeliveryStatus } from '../../../shared/domain/dispatch'
import type { Db } from '../openDb'
import type { DeliveryColumns } from './messageRepo'

/** A campaign message as a status needs it: who, where it stands, its delivery columns. */
export interface StatusTarget extends DeliveryColumns {
  id: number
  campaign_id: string
  phone: string
  contact_id: number
  provider_message_id: string | null
  dispatch_state: string
}

export interface StatusLogRow {
  status: DeliveryStatus
  at: number
  error_code: string | null
  error_title: string | null
}

export interface StatusLogEntry {
  messageId: number
  status: DeliveryStatus
  at: number
  errorCode: string | null
  errorTitle: string | null
  errorDetail: string | null
  /** The callback's inbox row; null for a lookup. */
  inboxId: number | null
  source: 'callback' | 'lookup'
}

const COLUMNS = `m.id, m.campaign_id, m.phone, m.contact_id, m.provider_message_id, m.dispatch_state, m.status, m.status_sent_at,
  m.delivered_at, m.read_at, m.failed_at, m.failure_code, m.failure_title`

/**
 * The only writer of `message_status_log` (every status each message was reported in), and the
 * reads that match a status to its message: by the provider's id, an alias of it, or our id.
 */
export function createMessageStatusLogRepo(db: Db) {
  const byProviderId = db.prepare<[string, string], StatusTarget>(
    `SELECT ${COLUMNS} FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.provider_message_id = ? AND c.provider_id = ?`
  )
  const byOurId = db.prepare<[string, string], StatusTarget>(
    `SELECT ${COLUMNS} FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.our_id = ? AND c.provider_id = ?`
  )
  // Gupshup MM Lite and late reports carry WhatsApp's id, announced earlier as an alias.
  const byAlias = db.prepare<[string, string, string], StatusTarget>(
    `SELECT ${COLUMNS} FROM message_alias a
     JOIN message m ON m.provider_message_id = a.provider_message_id
     JOIN campaign c ON c.id = m.campaign_id
     WHERE a.provider_id = ? AND a.alias = ? AND c.provider_id = ?`
  )
  // Per (message, status) the earliest provider timestamp wins (ties: the smaller error code), so
  // duplicates and retries change nothing and the result does not depend on arrival order.
  const upsert = db.prepare(
    `INSERT INTO message_status_log (message_id, status, at, error_code, error_title, error_detail, inbox_id, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id, status) DO UPDATE SET
       at = excluded.at, error_code = excluded.error_code, error_title = excluded.error_title,
       error_detail = excluded.error_detail, inbox_id = excluded.inbox_id, source = excluded.source
     WHERE excluded.at < message_status_log.at
        OR (excluded.at = message_status_log.at
            AND COALESCE(excluded.error_code, '') < COALESCE(message_status_log.error_code, ''))`
  )
  const read = db.prepare<[number], StatusLogRow>(
    'SELECT status, at, error_code, error_title FROM message_status_log WHERE message_id = ?'
  )
  return {
    /** The message the provider's id names, directly or through an alias it announced. */
    byProviderId: (providerMessageId: string, providerId: string): StatusTarget | undefined =>
      byProviderId.get(providerMessageId, providerId) ??
      byAlias.get(providerId, providerMessageId, providerId),
    byOurId: (ourId: string, providerId: string): StatusTarget | undefined =>
      byOurId.get(ourId, providerId),
    record(e: StatusLogEntry): void {
      upsert.run(
        e.messageId,
        e.status,
        e.at,
        e.errorCode,
        e.errorTitle,
        e.errorDetail,
        e.inboxId,
        e.source
      )
    },
    log: (messageId: number): StatusLogRow[] => read.all(messageId)
  }
}
export type MessageStatusLogRepo = ReturnType<typeof createMessageStatusLogRepo>
