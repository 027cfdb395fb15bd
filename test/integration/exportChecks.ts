import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { expect } from 'vitest'
import { summaryLines } from '../../src/shared/ipc/routes/reports'
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

/** Every line of the summary CSV carries the value of stats.summary (null written empty). */
export function expectSummaryCsv(path: string, summary: StatsSummary): void {
  const lines = parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[]
  const written = new Map(lines.map((l) => [l.stat!, l.value!]))
  expect(written.size).toBe(summaryLines(summary).length)
  for (const line of summaryLines(summary)) {
    const value = written.get(line.stat)
    if (typeof line.value === 'number')
      expect([line.stat, Number(value)]).toEqual([line.stat, line.value])
    else expect([line.stat, value]).toEqual([line.stat, line.value ?? ''])
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
