import type { Output } from '../../shared/ipc/contract'
import type { ErrorExplanation } from '../../shared/domain/errorDictionary'
import type { ClickCounts } from '../reconcile/clicks'
import { counterKey as k, errorKeys } from '../db/repos/statsCounterKeys'
import { conversionPerformance, revenuePerformance } from './significance'
import type { Counters, ErrorKind } from './statsTypes'

/** Pure shapes of the stats answers, from a campaign's counters (no reads here). */

export const FUNNEL_STEPS = ['sent', 'delivered', 'viewed', 'clicked', 'converted'] as const
type FunnelStep = (typeof FUNNEL_STEPS)[number]
const FUNNEL_LABELS = {
  sent: 'Sent',
  delivered: 'Delivered',
  viewed: 'Viewed',
  clicked: 'Clicked',
  converted: 'Converted'
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0)

/** How much of a campaign's own messages a rebuild counted so far, 0-99 %. */
export function rebuiltShare(
  span: { first: number | null; last: number | null },
  counted: number
): number {
  const { first, last } = span
  if (first === null || last === null || last < first) return 0
  const share = Math.floor((100 * (counted - first + 1)) / (last - first + 1))
  return Math.max(0, Math.min(99, share))
}

export function summaryOf(
  c: Counters,
  engagement: { reacted: number; optedOut: number },
  marketing: ClickCounts,
  goal: { goalEvent: string | null; goalWindowMs: number | null; goalCurrency: string }
): Output<'stats.summary'> {
  const sent = c(k.dispatch('sent'))
  const control = c(k.group('control'))
  return {
    goal:
      goal.goalEvent === null
        ? null
        : {
            event: goal.goalEvent,
            windowHours: (goal.goalWindowMs ?? 0) / 3_600_000,
            currency: goal.goalCurrency
          },
    qualified: c(k.qualified),
    control,
    target: c(k.group('target')),
    sent,
    delivered: c(k.delivered),
    viewed: c(k.status('read')),
    replied: c(k.replied),
    replies: c(k.replies),
    ...engagement,
    converted: c(k.converted('target')),
    dispatchErrors: c(k.dispatch('error')),
    deliveryErrors: c(k.status('failed')),
    awaitingReport: c(k.status('awaiting')),
    outcomeUnknown: c(k.dispatch('unknown')),
    ...marketing,
    conversion: conversionPerformance(
      { users: sent, converted: c(k.converted('target')) },
      { users: control, converted: c(k.converted('control')) }
    ),
    revenue: revenuePerformance(
      c(k.revenueMicros('target')) / 1e6,
      sent,
      c(k.revenueMicros('control')) / 1e6,
      control
    )
  }
}

export function funnelOf(
  c: Counters,
  clicked: number | null,
  steps: readonly FunnelStep[] = FUNNEL_STEPS
): Output<'stats.funnel'> {
  const value = {
    sent: c(k.dispatch('sent')),
    delivered: c(k.delivered),
    viewed: c(k.status('read')),
    clicked: clicked ?? 0,
    converted: c(k.converted('target'))
  }
  const wanted = new Set(steps)
  // Clicked exists only for Marketing Messages API campaigns: otherwise the step is left out.
  const names = FUNNEL_STEPS.filter((s) => wanted.has(s) && (s !== 'clicked' || clicked !== null))
  const first = names.length ? value[names[0]!] : 0
  return {
    steps: names.map((name, i) => {
      const users = value[name]
      const previous = i === 0 ? users : value[names[i - 1]!]
      return {
        name,
        label: FUNNEL_LABELS[name],
        users,
        ofPrevious: ratio(users, previous),
        ofFirst: ratio(users, first)
      }
    })
  }
}

export function errorGroupsOf(
  all: Map<string, number>,
  kind: ErrorKind,
  explain: (code: string) => ErrorExplanation
): Output<'stats.errors'> {
  const prefix = errorKeys[kind].prefix
  const counts = [...all].filter(([key, n]) => key.startsWith(prefix) && n > 0)
  const total = counts.reduce((sum, [, n]) => sum + n, 0)
  return {
    groups: counts
      .map(([key, count]) => {
        const code = key.slice(prefix.length)
        const { title, explanation, nextStep } = explain(code)
        return { code, title, explanation, nextStep, count, share: ratio(count, total) }
      })
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
  }
}
