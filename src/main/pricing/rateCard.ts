import type { RateRow } from '../db/repos/pricingRepo'
import { parse } from 'csv-parse/sync'
import { KNOWN_MARKETS, marketKey } from './markets'

/** The price columns of Meta's rate card, in its order, and where each lands. */
export const RATE_COLUMNS = [
  ['marketing', 'marketing'],
  ['utility', 'utility'],
  ['authentication', 'authentication'],
  ['authentication-international', 'authenticationInternational'],
  ['service', 'service']
] as const
export type RateField = (typeof RATE_COLUMNS)[number][1]

export type { RateRow } from '../db/repos/pricingRepo'

export interface RateCardParse {
  rows: RateRow[]
  rejected: { line: number; reason: string }[]
  /** The card's own date ("effective 2026-10-01" in a title line), YYYY-MM-DD; null = undated. */
  effectiveFrom: string | null
}

const MAX_ROWS = 5000
/** Older cards write the US dollar as "$US" or "US$" instead of its ISO code. */
const CURRENCY_ALIASES: Record<string, string> = { $US: 'USD', US$: 'USD' }
const MONTHS =
  'january february march april may june july august september october november december'.split(' ')

/**
 * The card's date from a title line before the header: "effective 2026-10-01", "effective from
 * October 1, 2026" or "effective 1 October 2026"; null when no line says.
 */
export function cardDate(lines: string[]): string | null {
  for (const line of lines) {
    const after = /effective\b(.*)/i.exec(line)?.[1]
    if (!after) continue
    const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(after)
    if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`
    const words = /([a-z]+)\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+([a-z]+),?\s+(\d{4})/i.exec(after)
    if (!words) continue
    const month = MONTHS.indexOf((words[1] ?? words[5]!).toLowerCase()) + 1
    if (month === 0) continue
    const day = Number(words[2] ?? words[4])
    return `${words[3] ?? words[6]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
  return null
}
const canonicalMarket = new Map([...KNOWN_MARKETS].map((m) => [marketKey(m), m]))
/** "Authentication - International", "authentication_international" → one header key. */
const headerKey = (cell: string): string =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s_]*-[\s_]*|[\s_]+/g, '-')

/** A price cell: a plain non-negative decimal (a leading currency sign is tolerated); empty, "n/a" or "-" = no rate. */
function parsePrice(cell: string | undefined): number | null | 'bad' {
  const text = (cell ?? '').trim().replace(/^(\$US|US\$|[$€£₹])\s*/i, '')
  if (text === '' || /^(n\/?a|-|–|—)$/i.test(text)) return null
  if (!/^\d+(\.\d+)?$/.test(text)) return 'bad'
  return Number(text)
}

/**
 * Parses Meta's published rate card: one row per market and currency with the columns
 * `Market, Currency, Marketing, Utility, Authentication, Authentication-International, Service`
 * (prices per delivered message). Title or "effective from" lines before the header row are
 * skipped. Every bad line (unknown market, malformed price or currency, duplicate market and
 * currency) is reported with its line number; the caller loads nothing unless `rejected` is empty.
 */
export function parseRateCard(csv: string): RateCardParse {
  const rejected: RateCardParse['rejected'] = []
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(csv, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (err) {
    const line = Number((err as { lines?: number }).lines) || 1
    return {
      rows: [],
      rejected: [{ line, reason: `Not a readable CSV: ${(err as Error).message}` }],
      effectiveFrom: null
    }
  }
  const headerAt = records.findIndex((r) => r.record.some((c) => headerKey(c) === 'market'))
  if (headerAt < 0)
    return {
      rows: [],
      rejected: [{ line: 1, reason: 'No header row with a "Market" column' }],
      effectiveFrom: null
    }
  const effectiveFrom = cardDate(records.slice(0, headerAt).map((r) => r.record.join(' ')))
  const header = records[headerAt]!.record.map(headerKey)
  const col = (name: string): number => header.indexOf(name)
  const missing = ['market', 'currency', ...RATE_COLUMNS.map(([c]) => c)].filter(
    (c) => col(c) < 0 && c !== 'authentication-international'
  )
  if (missing.length)
    return {
      rows: [],
      rejected: [
        { line: records[headerAt]!.info.lines, reason: `Missing column(s): ${missing.join(', ')}` }
      ],
      effectiveFrom
    }

  const rows: RateRow[] = []
  const seen = new Set<string>()
  for (const { record, info } of records.slice(headerAt + 1)) {
    const line = info.lines
    if (record.every((c) => c.trim() === '')) continue
    if (rows.length + rejected.length >= MAX_ROWS) {
      rejected.push({ line, reason: `More than ${MAX_ROWS} rows: not a rate card` })
      break
    }
    const rawMarket = (record[col('market')] ?? '').trim()
    const market = canonicalMarket.get(marketKey(rawMarket))
    if (!market) {
      rejected.push({ line, reason: `Unknown market "${rawMarket.slice(0, 80)}"` })
      continue
    }
    const rawCurrency = (record[col('currency')] ?? '').trim().toUpperCase()
    const currency = CURRENCY_ALIASES[rawCurrency] ?? rawCurrency
    if (!/^[A-Z]{3}$/.test(currency)) {
      rejected.push({ line, reason: `Currency "${currency.slice(0, 20)}" is not a 3-letter code` })
      continue
    }
    const key = `${market}\u0000${currency}`
    if (seen.has(key)) {
      rejected.push({ line, reason: `${market} in ${currency} appears twice` })
      continue
    }
    const row: RateRow = {
      market,
      currency,
      marketing: null,
      utility: null,
      authentication: null,
      authenticationInternational: null,
      service: null
    }
    const bad = RATE_COLUMNS.filter(([column, field]) => {
      const price = col(column) < 0 ? null : parsePrice(record[col(column)])
      if (price === 'bad') return true
      row[field] = price
      return false
    })
    if (bad.length) {
      const [column] = bad[0]!
      rejected.push({
        line,
        reason: `Malformed ${column} price "${String(record[col(column)]).trim().slice(0, 30)}"`
      })
      continue
    }
    seen.add(key)
    rows.push(row)
  }
  if (rows.length === 0 && rejected.length === 0)
    rejected.push({
      line: records[headerAt]!.info.lines,
      reason: 'The rate card has no market rows'
    })
  return { rows, rejected, effectiveFrom }
}
