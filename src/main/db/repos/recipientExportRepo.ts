import Database from 'better-sqlite3'

/** Columns of a raw (array) row of `recipientRows`, in order. */
export const enum RecipientColumn {
  phone,
  name,
  grp,
  dispatchState,
  dispatchError,
  status,
  setAsideAt,
  sentAt,
  deliveredAt,
  readAt,
  failedAt,
  failureCode,
  failureTitle,
  firstReplyAt,
  replyCount,
  convertedAt,
  revenueMicros
}
export type RecipientRawRow = unknown[]

// Conversion comes from the stats engine's per-user table (brought up to date by the stats
// summary read before the export), so the file agrees with the summary exactly.
const ROWS_SQL = `
SELECT m.phone, c.name, m.grp, m.dispatch_state, m.dispatch_error, m.status, m.set_aside_at,
  m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.failure_code, m.failure_title,
  m.first_reply_at, m.reply_count, mc.converted_at, mc.revenue_micros
FROM message m
JOIN contact c ON c.id = m.contact_id
LEFT JOIN message_conversion mc ON mc.message_id = m.id
WHERE m.campaign_id = ?
ORDER BY m.seq`

/** One long export's read of a campaign's recipients; `close` ends its snapshot. */
export interface RecipientExportReader {
  providerType(campaignId: string): string | null
  rows(campaignId: string): IterableIterator<RecipientRawRow>
  close(): void
}

/**
 * Opens a separate read-only connection for one long export. A better-sqlite3 connection is
 * busy while an iterator is open, and an export awaits file backpressure between rows: on the
 * engine's own connection that would block callbacks and dispatch. With WAL, this reader sees one
 * consistent snapshot for the whole export while the engine keeps writing.
 */
export function openRecipientExport(file: string, nativeBinding?: string): RecipientExportReader {
  const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
  db.pragma('busy_timeout = 5000')
  const rows = db.prepare<[string], RecipientRawRow>(ROWS_SQL).raw(true)
  const providerType = db.prepare<[string], { type: string }>(
    'SELECT p.type FROM campaign c JOIN provider p ON p.id = c.provider_id WHERE c.id = ?'
  )
  return {
    providerType: (campaignId) => providerType.get(campaignId)?.type ?? null,
    rows: (campaignId) => rows.iterate(campaignId),
    close: () => db.close()
  }
}
