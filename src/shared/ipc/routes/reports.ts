import { z } from 'zod'
import type { StatsSummary } from './stats'

/**
 * `recipients` guards every text cell against formula injection, so a phone reads `'+9198…`;
 * `recipients_reimport` is the same file with phones as plain E.164 (`+9198…`), for importing
 * into Tickboard or another tool. Only a phone that is exactly E.164 is written unguarded.
 */
const csvKind = z.enum(['summary', 'recipients', 'recipients_reimport', 'trend', 'errors'])
const paper = z.enum(['A4', 'Letter'])
const granularity = z.enum(['day', 'week', 'month'])

/** What to export; `reports.export` adds the target path. */
const exportWhat = z.strictObject({
  campaignId: z.string(),
  format: z.enum(['csv', 'pdf']),
  kind: csvKind.optional(),
  granularity: granularity.optional(),
  timezone: z.string().optional(),
  paper: paper.optional()
})

export const reportSchedule = z.object({
  id: z.string(),
  campaignId: z.string(),
  every: z.enum(['daily', 'weekly']),
  folder: z.string(),
  formats: z.array(z.enum(['csv', 'pdf'])),
  paper,
  nextRunAt: z.number(),
  lastRunAt: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number()
})
export type ReportSchedule = z.infer<typeof reportSchedule>

export const reportRoutes = {
  /**
   * `path`: absolute; with `serve --exports-dir`, a name inside that folder. An existing file is
   * refused (409 conflict) unless `overwrite: true`.
   */
  'reports.export': {
    role: 'viewer',
    changes: true,
    input: exportWhat.extend({ path: z.string().min(1), overwrite: z.boolean().optional() }),
    output: z.object({ path: z.string(), bytes: z.number().int() })
  },
  /**
   * Browser (headless) downloads: writes the export to a temporary file and returns a one-time
   * token for `GET /api/download/<token>`, which streams it as an attachment once.
   */
  'reports.prepareDownload': {
    role: 'viewer',
    changes: true,
    input: exportWhat,
    output: z.object({ token: z.string(), fileName: z.string(), bytes: z.number().int() })
  },
  /**
   * Desktop app: the native save dialog. `path` is null when the operator cancelled; `replaces`:
   * the file exists, so the dialog asked "replace?" and the operator confirmed (pass it on as
   * `overwrite`).
   */
  'reports.chooseSavePath': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      defaultName: z.string().min(1).max(200),
      format: z.enum(['csv', 'pdf'])
    }),
    output: z.object({ path: z.string().nullable(), replaces: z.boolean() })
  },
  /** `folder`: absolute; with `serve --exports-dir`, a folder inside it. */
  'reports.schedule': {
    role: 'operator',
    changes: true,
    input: z.strictObject({
      campaignId: z.string().min(1),
      every: z.enum(['daily', 'weekly']),
      folder: z.string().min(1),
      formats: z
        .array(z.enum(['csv', 'pdf']))
        .min(1)
        .default(['csv', 'pdf']),
      paper: paper.default('A4')
    }),
    output: reportSchedule
  },
  'reports.schedules': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string().optional() }),
    output: z.object({ schedules: z.array(reportSchedule) })
  },
  'reports.unschedule': {
    role: 'operator',
    changes: true,
    input: z.strictObject({ id: z.string().min(1) }),
    output: z.object({ removed: z.boolean() })
  }
} as const

export interface SummaryLine {
  stat: string
  label: string
  value: number | string | null
}

const COUNT_LABELS: [keyof StatsSummary, string][] = [
  ['qualified', 'Qualified'],
  ['control', 'Control group'],
  ['target', 'Target'],
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['viewed', 'Viewed'],
  ['replied', 'Replied'],
  ['replies', 'Replies'],
  ['reacted', 'Reacted'],
  ['optedOut', 'Opted out'],
  ['converted', 'Converted'],
  ['dispatchErrors', 'Dispatch errors'],
  ['deliveryErrors', 'Delivery errors'],
  ['awaitingReport', 'Awaiting report'],
  ['outcomeUnknown', 'Outcome unknown']
]

/**
 * Every number of `stats.summary` as one line with a dotted key (`conversion.target.rate`,
 * `conversion.ci95.low`): the summary CSV and the PDF's table of numbers both print these.
 */
export function summaryLines(s: StatsSummary): SummaryLine[] {
  const lines: SummaryLine[] = COUNT_LABELS.map(([stat, label]) => ({
    stat,
    label,
    value: s[stat] as number
  }))
  const add = (stat: string, label: string, value: number | string | null): void => {
    lines.push({ stat, label, value })
  }
  // Only for campaigns sent through Meta's Marketing Messages API; otherwise none.
  add('clicked', 'Clicked', s.clicked)
  add('landingPageViews', 'Landing page views', s.landingPageViews)
  const c = s.conversion
  for (const g of ['target', 'control'] as const) {
    const name = g === 'target' ? 'Target' : 'Control'
    add(`conversion.${g}.users`, `${name} users`, c[g].users)
    add(`conversion.${g}.converted`, `${name} converted`, c[g].converted)
    add(`conversion.${g}.rate`, `${name} conversion rate`, c[g].rate)
  }
  add('conversion.lift', 'Lift (target rate − control rate)', c.lift)
  add('conversion.ci95.low', 'Lift 95% interval, low', c.ci95[0])
  add('conversion.ci95.high', 'Lift 95% interval, high', c.ci95[1])
  add('conversion.pValue', 'p-value', c.pValue)
  add('conversion.verdict', 'Verdict', c.verdict)
  const r = s.revenue
  // Its path in stats.summary, like every line; a campaign without a goal has no revenue to price.
  if (s.goal) add('goal.currency', 'Revenue currency', s.goal.currency)
  add('revenue.target', 'Revenue, target', r.target)
  add('revenue.control', 'Revenue, control', r.control)
  add('revenue.arpuTarget', 'ARPU target', r.arpuTarget)
  add('revenue.arpuControl', 'ARPU control', r.arpuControl)
  add('revenue.boostPercent', 'Boost %', r.boostPercent)
  add('revenue.incremental', 'Incremental revenue', r.incremental)
  return lines
}

/** How the PDF prints a summary value: counts with separators, other numbers to 4 decimals. */
export function formatReportValue(value: number | string | null): string {
  if (value === null) return 'none'
  if (typeof value === 'string') return value
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return value.toLocaleString('en-US', { maximumFractionDigits: 4, minimumFractionDigits: 0 })
}
