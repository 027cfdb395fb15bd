/**
 * Pure view logic of the stats page (no React, no DOM), shared by the page and the printable
 * report: which cards exist and what they are a share of, verdict wording, bucket labels.
 */
import type { StatsSummary } from '../ipc/routes/stats'

/** The summary's plain counts (nullable ones such as `clicked` have their own cards). */
type CountKeys<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T]
export type CountKey = Exclude<CountKeys<StatsSummary>, 'replies'>
export type Granularity = 'day' | 'week' | 'month'
export type FunnelStep = 'sent' | 'delivered' | 'viewed' | 'clicked' | 'converted'
export type Verdict = StatsSummary['conversion']['verdict']

export interface CardSpec {
  key: CountKey
  /** The count this card is a share of, shown under the number ("42% of sent"). */
  of?: CountKey
  /** The caveat links to Callback health on the Providers page. */
  linksToCallbackHealth?: boolean
  tone?: 'danger' | 'warn'
}

/** Every count of spec §6, in the order an operator reads a campaign. */
export const CARD_SPECS: CardSpec[] = [
  { key: 'qualified' },
  { key: 'control', of: 'qualified' },
  { key: 'target', of: 'qualified' },
  { key: 'sent', of: 'target' },
  { key: 'delivered', of: 'sent', linksToCallbackHealth: true },
  { key: 'viewed', of: 'sent' },
  { key: 'replied', of: 'sent' },
  { key: 'reacted', of: 'sent' },
  { key: 'optedOut', of: 'sent', tone: 'warn' },
  { key: 'converted', of: 'sent' },
  { key: 'dispatchErrors', of: 'target', tone: 'danger' },
  { key: 'deliveryErrors', of: 'sent', tone: 'danger' },
  { key: 'awaitingReport', of: 'sent', linksToCallbackHealth: true, tone: 'warn' },
  { key: 'outcomeUnknown', of: 'target', tone: 'warn' }
]

/** `part / whole`, or null when the whole is zero (shown as a dash, never as 0 % or NaN). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

export const VERDICT_TEXT: Record<Verdict, { title: string; detail: string }> = {
  positive: {
    title: 'The campaign raised conversion',
    detail: 'The whole 95% interval of the lift is above zero.'
  },
  negative: {
    title: 'The campaign lowered conversion',
    detail: 'The whole 95% interval of the lift is below zero.'
  },
  inconclusive: {
    title: 'No clear difference yet',
    detail: 'The 95% interval of the lift includes zero: the difference may be chance.'
  },
  not_enough_data: {
    title: 'Not enough data to call a winner',
    detail:
      'A group has fewer than 100 users or fewer than 5 conversions, so no winner is shown yet.'
  }
}

const ppFormat = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero'
})
const pFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 })

/** A difference of two rates (ratios), in percentage points: 0.0123 → "+1.23 pp". */
export function formatPoints(diff: number): string {
  return `${ppFormat.format(diff * 100)} pp`
}

export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${pFormat.format(p)}`
}

/**
 * A trend bucket's label. Buckets start on a local calendar date (YYYY-MM-DD, possibly with a
 * time); the date part is formatted as a UTC date so the browser's own zone cannot shift it.
 */
export function bucketLabel(start: string, granularity: Granularity): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(start)
  if (!m) return start
  const date = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (granularity === 'month')
    return new Intl.DateTimeFormat(undefined, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC'
    }).format(date)
  const day = new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC'
  }).format(date)
  return granularity === 'week' ? `Week of ${day}` : day
}

/**
 * The funnel steps to ask for, given which optional steps are switched on. Clicked is only
 * answered for Marketing Messages API campaigns; the engine leaves it out for the others.
 */
export function funnelSteps(toggles: {
  delivered: boolean
  viewed: boolean
  clicked?: boolean
}): FunnelStep[] {
  const steps: FunnelStep[] = ['sent']
  if (toggles.delivered) steps.push('delivered')
  if (toggles.viewed) steps.push('viewed')
  if (toggles.clicked ?? false) steps.push('clicked')
  steps.push('converted')
  return steps
}

/** "delivered" → "Delivered" (the engine names steps by key). */
export function stepLabel(name: string): string {
  return name ? name[0]!.toUpperCase() + name.slice(1) : name
}

/** The operator's IANA time zone, which the trend buckets are computed in. */
export function operatorTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/**
 * The horizontal domain for drawing a lift with its interval: symmetric around zero so the
 * zero line sits in the middle and the side the interval falls on is obvious.
 */
export function liftDomain(lift: number, ci: [number, number]): number {
  const extent = Math.max(Math.abs(lift), Math.abs(ci[0]), Math.abs(ci[1]))
  return extent > 0 ? extent * 1.15 : 0.01
}
