import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { expect } from 'vitest'
import type { StatsSummary } from '../../src/shared/ipc/routes/stats'
import type { Final, Truth } from './groundTruth'

const stateOf = (f: Final): string => (f === 'none' ? 'awaiting_report' : f)
const ms = (v: string | undefined): number | null => (v ? Date.parse(v) : null)

/**
 * One row of the recipients CSV against the ground truth: the state the provider's reports lead
 * to, the failure code, the provider's timestamps (read implies delivered) and the conversion flag.
 */
export function expectRowMatchesTruth(row: Record<string, string>, truth: Truth): void {
  const phone = row.phone!
  const final = truth.final.get(phone)
  if (final) {
    expect([phone, row.state]).toEqual([phone, stateOf(final)])
    if (final === 'failed') expect(row.error_code).toBe(String(truth.failureCode.get(phone)))
    const at = truth.times.get(phone)!
    const seen = final === 'delivered' || final === 'read'
    expect([phone, ms(row.read_at), ms(row.delivered_at), ms(row.sent_at) !== null]).toEqual([
      phone,
      at.read ?? null,
      seen ? (at.delivered ?? at.read) : null,
      true
    ])
    if (final === 'failed') expect(ms(row.failed_at)).toBe(at.failed)
  }
  const converted = row.group === 'control' ? truth.converted.control : truth.converted.target
  expect([phone, row.converted]).toEqual([phone, String(converted.has(phone))])
}

// The summary CSV's stats, listed by hand from spec §7 (not taken from the exporter's own table).
const REQUIRED_SUMMARY_STATS = [
  'qualified',
  'control',
  'target',
  'sent',
  'delivered',
  'viewed',
  'replied',
  'replies',
  'converted',
  'dispatchErrors',
  'deliveryErrors',
  'awaitingReport',
  'outcomeUnknown',
  'conversion.target.users',
  'conversion.target.converted',
  'conversion.target.rate',
  'conversion.control.users',
  'conversion.control.converted',
  'conversion.control.rate',
  'conversion.lift',
  'conversion.ci95.low',
  'conversion.ci95.high',
  'conversion.pValue',
  'conversion.verdict',
  'revenue.target',
  'revenue.control',
  'revenue.arpuTarget',
  'revenue.arpuControl',
  'revenue.boostPercent',
  'revenue.incremental'
]

/** The value at a dotted path of stats.summary (`conversion.ci95.low` is the interval's first end). */
function valueAt(summary: StatsSummary, stat: string): unknown {
  const path = stat.replace(/\.ci95\.low$/, '.ci95.0').replace(/\.ci95\.high$/, '.ci95.1')
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], summary)
}

/**
 * Every line of the summary CSV carries the value found at its stat's path in stats.summary (null
 * written empty), and the stats the spec requires are all there.
 */
export function expectSummaryCsv(
  path: string,
  summary: StatsSummary,
  template: { name: string; language: string; category: string | null; text: string }
): void {
  const lines = parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[]
  expect(template.name).toBe('offer')
  expect(lines.slice(0, 4).map((l) => [l.stat, l.value])).toEqual([
    ['template.name', template.name],
    ['template.language', template.language],
    ['template.category', template.category ?? ''],
    ['template.text', template.text]
  ])
  // Template lines (`template.*`, from campaigns.get) lead; cost lines (`cost.*`, from stats.cost)
  // and the provider's own numbers (`provider.*`, from stats.reconciliation) follow the summary's;
  // csvExport.test checks them.
  const own = lines.filter((l) => !/^(cost|template|provider)\./.test(l.stat!))
  const written = new Map(own.map((l) => [l.stat!, l.value!]))
  expect(written.size, 'one line per stat').toBe(own.length)
  expect([...written.keys()]).toEqual(expect.arrayContaining(REQUIRED_SUMMARY_STATS))
  for (const [stat, text] of written) {
    const value = valueAt(summary, stat)
    expect(['number', 'string', 'object'], `${stat} is a value of stats.summary`).toContain(
      typeof value
    )
    if (typeof value === 'number') expect([stat, Number(text)]).toEqual([stat, value])
    else if (value === null) expect([stat, text]).toEqual([stat, ''])
    else expect([stat, text]).toEqual([stat, value])
  }
}

/** Median of delivered_at − sent_at over the delivered rows of a recipients CSV. */
export function medianDeliveryMs(rows: Record<string, string>[]): number | null {
  const d = rows
    .filter((r) => r.delivered_at && r.sent_at)
    .map((r) => Date.parse(r.delivered_at!) - Date.parse(r.sent_at!))
    .sort((a, b) => a - b)
  if (d.length === 0) return null
  const mid = Math.floor((d.length - 1) / 2)
  return d.length % 2 ? d[mid]! : (d[mid]! + d[mid + 1]!) / 2
}
