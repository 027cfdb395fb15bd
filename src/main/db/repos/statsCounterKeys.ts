import type {
  DeliveryStatus,
  DispatchErrorReason,
  DispatchState
} from '../../../shared/domain/dispatch'
/** Which errors: a send the provider refused, or a delivery report of failure. */
export type ErrorKind = 'dispatch' | 'delivery'

/**
 * The keys of `stats_counter`, exactly as the view `stats_message_delta` (migration 0120) and
 * `stats_conversion_delta` derive them. Everything that reads a counter names it through here.
 */
export type Group = 'target' | 'control'

export const counterKey = {
  qualified: 'qualified',
  delivered: 'delivered',
  /** Target users with at least one reply. */
  replied: 'replied',
  /** Replies of target users. */
  replies: 'replies',
  group: (grp: Group) => `grp:${grp}`,
  dispatch: (state: DispatchState) => `ds:${state}`,
  /** Sent rows by delivery status; `awaiting` = no report yet. */
  status: (status: DeliveryStatus | 'awaiting') => `st:${status}`,
  converted: (grp: Group) => `conv:${grp}`,
  /** Revenue of converted users in micro-units (integers sum exactly in any order). */
  revenueMicros: (grp: Group) => `rev:${grp}`
} as const

/** Per error kind: the prefix of its group keys and the key of its total. */
export const errorKeys: Record<ErrorKind, { prefix: string; total: string }> = {
  dispatch: { prefix: 'derr:', total: counterKey.dispatch('error') },
  delivery: { prefix: 'ferr:', total: counterKey.status('failed') }
}

/** `derr:<reason>` / `ferr:<failure code>` (NULL codes count as `provider_error` / `unknown`). */
export const errorGroupKey = (kind: ErrorKind, code: DispatchErrorReason | string): string =>
  errorKeys[kind].prefix + code

/** Metrics of `stats_trend` (views `stats_message_trend`, `stats_conversion_trend`). */
export const TREND_METRICS = ['sent', 'delivered', 'viewed', 'replied', 'converted'] as const
export type TrendMetric = (typeof TREND_METRICS)[number]
