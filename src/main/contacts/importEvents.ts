import type { Clock } from '../kernel/kernel'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { ContactEventInsert, EventRepo } from '../db/repos/eventRepo'
import { streamCsv, type CsvProblem } from './csvRows'
import { normalisePhone } from './phone'
import type { ImportProgress } from './importContacts'

export interface EventImportResult {
  imported: number
  rejected: CsvProblem[]
}

export interface RawEvent {
  phone: string
  event: string
  time: string | number
  revenue?: string | number | null
  properties?: Record<string, string>
}

const REQUIRED = ['phone', 'event', 'time'] as const
const MAX_REPORTED = 10_000
// Unix seconds between 2001 and 2286; larger numbers are taken as milliseconds by mistake.
const MIN_SECONDS = 1e9
const MAX_SECONDS = 1e10

/** Parses an event time: ISO-8601 with a zone, or Unix seconds. Returns epoch ms or a reason. */
export function parseEventTime(raw: string | number): number | string {
  if (typeof raw === 'number' || /^\d+(\.\d+)?$/.test(raw.trim())) {
    const seconds = Number(raw)
    if (!Number.isFinite(seconds) || seconds < MIN_SECONDS || seconds >= MAX_SECONDS)
      return `time ${raw} is not Unix seconds between 2001 and 2286`
    return Math.round(seconds * 1000)
  }
  const text = raw.trim()
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text))
    return `time "${text.slice(0, 40)}" is not ISO-8601 (2026-11-27T10:00:00Z) or Unix seconds`
  const ms = Date.parse(
    /[T ]/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text
  )
  if (Number.isNaN(ms)) return `time "${text.slice(0, 40)}" is not a real date`
  return ms
}

/** Validates one event and resolves its contact; returns the row to insert or a reason. */
export function toEventInsert(
  contacts: ContactRepo,
  raw: RawEvent,
  source: ContactEventInsert['source']
): ContactEventInsert | string {
  const phone = normalisePhone(String(raw.phone ?? ''))
  if (!phone.ok) return phone.reason
  const contactId = contacts.idByPhone(phone.e164)
  if (contactId === undefined)
    return `no contact has the phone ${phone.e164}; import the contact first`
  const event = String(raw.event ?? '').trim()
  if (!event) return 'event name is empty'
  if (event.length > 100) return 'event name is longer than 100 characters'
  const at = parseEventTime(raw.time)
  if (typeof at === 'string') return at
  let revenue: number | null = null
  if (raw.revenue !== undefined && raw.revenue !== null && String(raw.revenue).trim() !== '') {
    revenue = Number(String(raw.revenue).trim())
    if (!Number.isFinite(revenue))
      return `revenue "${String(raw.revenue).slice(0, 40)}" is not a number`
  }
  return { contactId, event, at, revenue, properties: raw.properties ?? {}, source }
}

/** Imports events from CSV: `phone,event,time[,revenue,…]`; other columns become properties. */
export async function importEvents(
  contacts: ContactRepo,
  events: EventRepo,
  csv: string,
  onProgress: ImportProgress | undefined,
  clock: Clock
): Promise<EventImportResult> {
  const result: EventImportResult = { imported: 0, rejected: [] }
  const reject = (p: CsvProblem): void => {
    if (result.rejected.length < MAX_REPORTED) result.rejected.push(p)
  }
  let headerOk = false
  await streamCsv(csv, {
    header(columns) {
      const missing = REQUIRED.filter((c) => !columns.includes(c))
      if (missing.length)
        reject({
          line: 1,
          reason: `header is missing ${missing.join(', ')} (needs phone,event,time)`
        })
      else headerOk = true
    },
    batch(records) {
      if (!headerOk) return
      const rows: ContactEventInsert[] = []
      for (const { line, values } of records) {
        const { phone = '', event = '', time = '', revenue, ...rest } = values
        const properties = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== ''))
        const row = toEventInsert(contacts, { phone, event, time, revenue, properties }, 'import')
        if (typeof row === 'string') reject({ line, reason: row })
        else rows.push(row)
      }
      result.imported += events.insertBatch(rows, clock.now())
    },
    problem: reject,
    progress: onProgress
  })
  if (!headerOk && result.rejected.length === 0) reject({ line: 1, reason: 'the file is empty' })
  result.rejected.sort((a, b) => a.line - b.line)
  return result
}
