import type { FinishedMessage } from './messageRepo'
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
  /** `metric bucket` → n. */
  const trend = new Map<string, number>()
  const count = (key: string, n = 1): void => void counters.set(key, (counters.get(key) ?? 0) + n)
  const mark = (metric: string, at: number): void => {
    // CAST(at / 900000 AS INTEGER): SQLite divides integers exactly and truncates toward zero.
    const key = `${metric} ${Math.trunc(at / TREND_BUCKET_MS)}`
    trend.set(key, (trend.get(key) ?? 0) + 1)
  }
  return {
    counters,
    trend,
    add(m: FinishedMessage): void {
      count(k.qualified)
      count(k.group(m.grp as Group))
      count(`ds:${m.dispatchState}`)
      const sent = m.dispatchState === 'sent'
      if (m.dispatchState === 'error')
        count(errorGroupKey('dispatch', m.dispatchError ?? 'provider_error'))
      if (sent) {
        count(`st:${m.status ?? 'awaiting'}`)
        mark('sent', m.sentAt ?? m.dispatchedAt ?? 0)
        if (m.status === 'delivered' || m.status === 'read') {
          count(k.delivered)
          mark('delivered', m.deliveredAt ?? m.readAt ?? m.sentAt ?? 0)
        }
        if (m.status === 'read') mark('viewed', m.readAt ?? m.deliveredAt ?? m.sentAt ?? 0)
        if (m.status === 'failed') count(errorGroupKey('delivery', m.failureCode ?? 'unknown'))
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
