import type { FinishedMessage } from './messageRepo'
import type { DeliveryStatus, DispatchState } from '../../../shared/domain/dispatch'
import { counterKey as k, errorGroupKey, type Group } from './statsCounterKeys'

/** 15-minute UTC trend buckets (epoch ms / 900000), as `stats_message_trend` cuts them. */
const TREND_BUCKET_MS = 900_000

/**
 * What finished message rows add to `stats_counter` and `stats_trend`, kept by a bulk load as it
 * writes them (the demo generator): the same keys, metrics and buckets as the views
 * `stats_message_delta` and `stats_message_trend` (migration 0120) derive from the stored rows.
 * Counting them back through the views after the load was ~40% of the load's time (~5 µs per
 * row); a tally costs a few map updates. It is a second spelling of those views, for this one
 * writer: the generator's tests compare what it counts with a rebuild through the views, and a
 * change to either must keep them equal. Conversions and the delivery histogram are not here:
 * they are counted by the views (`createStatsRebuild().countLoad`).
 */
export function createMessageTally() {
  const counters = new Map<string, number>()
  /** metric → bucket → n. */
  const byMetric = new Map<string, Map<number, number>>()
  const count = (key: string, n = 1): void => void counters.set(key, (counters.get(key) ?? 0) + n)
  const mark = (metric: string, at: number): void => {
    let buckets = byMetric.get(metric)
    if (!buckets) byMetric.set(metric, (buckets = new Map()))
    // CAST(at / 900000 AS INTEGER): SQLite divides integers exactly and truncates toward zero.
    const bucket = Math.trunc(at / TREND_BUCKET_MS)
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
  }
  const groupKey = keyCache(k.group)
  const dispatchKey = keyCache(k.dispatch)
  const statusKey = keyCache(k.status)
  const dispatchErrorKey = keyCache((code: string) => errorGroupKey('dispatch', code))
  const failureKey = keyCache((code: string) => errorGroupKey('delivery', code))
  return {
    /** `stats_counter` key → n. */
    counters,
    /** `stats_trend` rows. */
    trend(): { metric: string; bucket: number; n: number }[] {
      const rows: { metric: string; bucket: number; n: number }[] = []
      for (const [metric, buckets] of byMetric)
        for (const [bucket, n] of buckets) rows.push({ metric, bucket, n })
      return rows
    },
    add(m: FinishedMessage): void {
      count(k.qualified)
      count(groupKey(m.grp as Group))
      count(dispatchKey(m.dispatchState as DispatchState))
      if (m.dispatchState === 'error') count(dispatchErrorKey(m.dispatchError ?? 'provider_error'))
      if (m.dispatchState === 'sent') {
        count(statusKey((m.status ?? 'awaiting') as DeliveryStatus))
        mark('sent', m.sentAt ?? m.dispatchedAt ?? 0)
        if (m.status === 'delivered' || m.status === 'read') {
          count(k.delivered)
          mark('delivered', m.deliveredAt ?? m.readAt ?? m.sentAt ?? 0)
        }
        if (m.status === 'read') mark('viewed', m.readAt ?? m.deliveredAt ?? m.sentAt ?? 0)
        if (m.status === 'failed') count(failureKey(m.failureCode ?? 'unknown'))
      }
      if (m.grp === 'target' && m.replyCount > 0) {
        count(k.replied)
        count(k.replies, m.replyCount)
        mark('replied', m.firstReplyAt ?? m.sentAt ?? 0)
      }
    }
  }
}
export type MessageTally = ReturnType<typeof createMessageTally>

/** A key builder that builds each key once: a row costs map lookups, not new strings. */
function keyCache<V extends string>(build: (value: V) => string): (value: V) => string {
  const keys = new Map<V, string>()
  return (value) => {
    let key = keys.get(value)
    if (key === undefined) keys.set(value, (key = build(value)))
    return key
  }
}
