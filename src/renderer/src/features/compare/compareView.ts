import type { CompareRow } from '../../../../shared/ipc/routes/pricing'
import { formatPoints } from '../../../../shared/domain/statsView'

export type SortKey = Exclude<
  keyof CompareRow,
  'campaignId' | 'ci95' | 'currency' | 'revenueCurrency' | 'estimated'
>

/** Columns of the Compare table and its CSV, in order: same definitions as the stats page. */
export const COLUMNS: {
  key: SortKey
  label: string
  kind: 'text' | 'count' | 'rate' | 'points' | 'money' | 'ratio'
}[] = [
  { key: 'name', label: 'Campaign', kind: 'text' },
  { key: 'qualified', label: 'Qualified', kind: 'count' },
  { key: 'sent', label: 'Sent', kind: 'count' },
  { key: 'deliveredRate', label: 'Delivered % of sent', kind: 'rate' },
  { key: 'viewedRate', label: 'Viewed % of sent', kind: 'rate' },
  { key: 'repliedRate', label: 'Replied % of sent', kind: 'rate' },
  { key: 'clickedRate', label: 'Clicked % of sent', kind: 'rate' },
  { key: 'lift', label: 'Conversion lift', kind: 'points' },
  { key: 'verdict', label: 'Verdict', kind: 'text' },
  { key: 'incrementalRevenue', label: 'Incremental revenue', kind: 'money' },
  { key: 'cost', label: 'Cost', kind: 'money' },
  { key: 'costPerIncrementalConversion', label: 'Cost per incremental conversion', kind: 'money' },
  { key: 'roi', label: 'ROI', kind: 'ratio' }
]

/** Sorts rows by a column; nulls ("—") always last. */
export function sortRows(rows: CompareRow[], key: SortKey, descending: boolean): CompareRow[] {
  return [...rows].sort((a, b) => {
    const x = a[key]
    const y = b[key]
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : (x as number) - (y as number)
    return descending ? -order : order
  })
}

/** A cell that would start a formula gets a leading quote (CSV injection), as the engine's exports do. */
const cell = (value: string | number | null): string => {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The table as CSV: raw numbers (rates as ratios, lift and its interval in ratio points). */
export function compareCsv(rows: CompareRow[]): string {
  const header = [
    'campaign_id',
    ...COLUMNS.map((c) => c.label),
    'Lift 95% interval low',
    'Lift 95% interval high',
    'Revenue currency',
    'Cost currency',
    'Cost estimated'
  ]
  const lines = rows.map((r) =>
    [
      r.campaignId,
      ...COLUMNS.map((c) => r[c.key]),
      r.ci95[0],
      r.ci95[1],
      r.revenueCurrency,
      r.currency,
      r.estimated ? 'yes' : 'no'
    ]
      .map(cell)
      .join(',')
  )
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`
}

export const liftText = (r: CompareRow): string =>
  `${formatPoints(r.lift)} (${formatPoints(r.ci95[0])} to ${formatPoints(r.ci95[1])})`
