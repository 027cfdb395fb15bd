import {
  RecipientColumn as C,
  type RecipientExportReader,
  type RecipientRawRow as RawRow
} from '../db/repos/recipientExportRepo'
import { csvField, csvLine, isoTime, plainPhone, toCell } from './csvCell'
import { writeCsvLines } from './csvFile'
import type { ReportContext } from './sources'
import type { FileTarget } from '../db/placeFile'
import { explainDeliveryError, explainDispatchError } from '../../shared/domain/errorDictionary'

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

/** One word for where a qualified user ended up; the counts per state match stats.summary. */
export function recipientState(grp: unknown, dispatchState: unknown, status: unknown): string {
  if (grp === 'control') return 'control'
  switch (dispatchState) {
    case 'sent':
      return (status as string | null) ?? 'awaiting_report'
    case 'error':
      return 'not_sent'
    case 'unknown':
      return 'outcome_unknown'
    default:
      return String(dispatchState)
  }
}

/** Free text from the database or a provider: neutralised and quoted as needed. */
const text = (v: unknown): string => csvField(toCell(v as string | null))
const time = (v: unknown): string => isoTime(v as number | null)

/**
 * Builds recipient CSV records directly from raw rows: a million of these are written per
 * export, so only free-text fields go through the neutralising and quoting path (group, state,
 * times, flags and numbers are our own and never need it). Error titles are the stats view's
 * (error dictionary for the campaign's provider type), looked up once per code.
 */
export function createRecipientLine(
  providerType: string | null,
  { plainPhones = false }: { plainPhones?: boolean } = {}
): (r: RawRow) => string {
  const phone = plainPhones
    ? (v: unknown) => csvField(plainPhone(v as string | null))
    : (v: unknown) => text(v)
  const titles = new Map<string, string>()
  const titleOf = (kind: 'dispatch' | 'delivery', code: string, providerText: string | null) => {
    const key = `${kind}:${code}:${providerText ?? ''}`
    let title = titles.get(key)
    if (title === undefined) {
      title =
        kind === 'dispatch'
          ? explainDispatchError(code).title
          : explainDeliveryError(providerType, code, providerText).title
      titles.set(key, title)
    }
    return title
  }
  return (r) => {
    const target = r[C.grp] === 'target'
    let error = ',,'
    if (target && r[C.dispatchState] === 'error') {
      const code = (r[C.dispatchError] as string | null) ?? 'provider_error'
      error = `dispatch,${text(code)},${text(titleOf('dispatch', code, null))}`
    } else if (r[C.dispatchState] === 'sent' && r[C.status] === 'failed') {
      const code = (r[C.failureCode] as string | null) ?? 'unknown'
      const title = titleOf('delivery', code, r[C.failureTitle] as string | null)
      error = `delivery,${text(code)},${text(title)}`
    }
    const replies = r[C.replyCount] as number
    const revenue = r[C.revenueMicros] === null ? 0 : (r[C.revenueMicros] as number) / 1e6
    const state = recipientState(r[C.grp], r[C.dispatchState], r[C.status])
    let line = `${phone(r[C.phone])},${text(r[C.name])},${r[C.grp] as string},${state},`
    line += `${time(r[C.setAsideAt])},${time(r[C.sentAt])},${time(r[C.deliveredAt])},`
    line += `${time(r[C.readAt])},${time(r[C.failedAt])},${error},`
    line += `${target && replies > 0},${replies},${time(r[C.firstReplyAt])},`
    return `${line}${r[C.convertedAt] !== null},${time(r[C.convertedAt])},${revenue}\n`
  }
}

function* lines(reader: RecipientExportReader, campaignId: string, line: (r: RawRow) => string) {
  for (const row of reader.rows(campaignId)) yield line(row)
}

/**
 * Streams one row per qualified user of the campaign into `path`; `plainPhones` writes E.164
 * phones without the formula guard (the "for re-import" file).
 */
export async function exportRecipientsCsv(
  { kernel, sources }: ReportContext,
  campaignId: string,
  target: FileTarget,
  options: { plainPhones?: boolean } = {}
): Promise<{ path: string; bytes: number; rows: number }> {
  const { path } = target
  const summary = await sources.summary(campaignId)
  const reader = sources.openRecipients()
  try {
    const line = createRecipientLine(reader.providerType(campaignId), options)
    const totalRows = summary.qualified
    return await writeCsvLines(target, csvLine(RECIPIENT_HEADER), lines(reader, campaignId, line), {
      onProgress: (rows) => kernel.emit('export.progress', { path, rows, totalRows })
    })
  } finally {
    reader.close()
  }
}
