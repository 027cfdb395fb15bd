import type { Statement } from 'better-sqlite3'
import type { EngineContext } from '../engine/context'
import { isoTime, type CellValue } from './csvCell'
import { writeCsvFile } from './csvFile'
import { dispatchErrorTitle } from './errorTitles'
import { openReadSnapshot } from './readSnapshot'

export const RECIPIENT_HEADER = [
  'phone',
  'name',
  'group',
  'state',
  'set_aside_at',
  'sent_at',
  'delivered_at',
  'read_at',
  'failed_at',
  'error_kind',
  'error_code',
  'error_title',
  'replied',
  'replies',
  'first_reply_at',
  'converted',
  'converted_at',
  'revenue'
]

interface RecipientRow {
  phone: string
  name: string | null
  grp: 'target' | 'control'
  dispatch_state: string
  dispatch_error: string | null
  status: string | null
  set_aside_at: number | null
  sent_at: number | null
  delivered_at: number | null
  read_at: number | null
  failed_at: number | null
  failure_code: string | null
  failure_title: string | null
  first_reply_at: number | null
  reply_count: number
  converted_at: number | null
  revenue_micros: number | null
}

// Conversion comes from the stats engine's per-user table (brought up to date by the
// stats.summary call before the export), so the file agrees with the summary exactly.
const SQL = `
SELECT m.phone, c.name, m.grp, m.dispatch_state, m.dispatch_error, m.status, m.set_aside_at,
  m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.failure_code, m.failure_title,
  m.first_reply_at, m.reply_count, mc.converted_at, mc.revenue_micros
FROM message m
JOIN contact c ON c.id = m.contact_id
LEFT JOIN message_conversion mc ON mc.message_id = m.id
WHERE m.campaign_id = ?
ORDER BY m.seq`

/** One word for where a qualified user ended up; the counts per state match stats.summary. */
export function recipientState(r: Pick<RecipientRow, 'grp' | 'dispatch_state' | 'status'>): string {
  if (r.grp === 'control') return 'control'
  switch (r.dispatch_state) {
    case 'sent':
      return r.status ?? 'awaiting_report'
    case 'error':
      return 'not_sent'
    case 'unknown':
      return 'outcome_unknown'
    default:
      return r.dispatch_state
  }
}

export function toRecipientCells(r: RecipientRow): CellValue[] {
  const isDispatchError = r.grp === 'target' && r.dispatch_state === 'error'
  const isDeliveryError = r.dispatch_state === 'sent' && r.status === 'failed'
  const errorCode = isDispatchError
    ? (r.dispatch_error ?? 'provider_error')
    : isDeliveryError
      ? (r.failure_code ?? 'unknown')
      : null
  const errorTitle = isDispatchError
    ? dispatchErrorTitle(errorCode!)
    : isDeliveryError
      ? (r.failure_title ?? 'Failed without an error code')
      : null
  return [
    r.phone,
    r.name,
    r.grp,
    recipientState(r),
    isoTime(r.set_aside_at),
    isoTime(r.sent_at),
    isoTime(r.delivered_at),
    isoTime(r.read_at),
    isoTime(r.failed_at),
    isDispatchError ? 'dispatch' : isDeliveryError ? 'delivery' : null,
    errorCode,
    errorTitle,
    r.grp === 'target' && r.reply_count > 0,
    r.reply_count,
    isoTime(r.first_reply_at),
    r.converted_at !== null,
    isoTime(r.converted_at),
    r.revenue_micros === null ? 0 : r.revenue_micros / 1e6
  ]
}

function* cells(stmt: Statement<[string], RecipientRow>, campaignId: string) {
  for (const row of stmt.iterate(campaignId)) yield toRecipientCells(row)
}

/** Streams one row per qualified user of the campaign into `path`. */
export async function exportRecipientsCsv(
  ctx: EngineContext,
  campaignId: string,
  path: string
): Promise<{ path: string; bytes: number; rows: number }> {
  const summary = await ctx.call('stats.summary', { campaignId })
  const reader = openReadSnapshot(ctx)
  try {
    const stmt = reader.prepare<[string], RecipientRow>(SQL)
    const totalRows = summary.qualified
    return await writeCsvFile(path, RECIPIENT_HEADER, cells(stmt, campaignId), {
      onProgress: (rows) => ctx.emit('export.progress', { path, rows, totalRows })
    })
  } finally {
    reader.close()
  }
}
