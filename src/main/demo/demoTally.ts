import type { Db } from '../db/openDb'
import type { DemoEvent } from './demoRows'

/** The message columns the stats counters depend on. */
export interface TallyRow {
  grp: string
  dispatchState: string
  dispatchError: string | null
  status: string | null
  failureCode: string | null
  setAsideAt: number | null
  dispatchedAt: number | null
  sentAt: number | null
  deliveredAt: number | null
  readAt: number | null
  firstReplyAt: number | null
  replyCount: number
  events: DemoEvent[]
}

const BUCKET_MS = 900_000

/**
 * Counts what the triggers of migration 0030 would count, while the generator writes rows, so a
 * million-row load needs no second pass. A test checks the result equals `rebuildCampaignStats`.
 */
export function createDemoTally(goal: { event: string; windowMs: number }) {
  const counters = new Map<string, number>()
  const trend = new Map<string, number>()
  const conversions: [
    messageId: number,
    grp: string,
    at: number,
    micros: number,
    events: number
  ][] = []
  const add = (key: string, n = 1): void => void counters.set(key, (counters.get(key) ?? 0) + n)
  const bucket = (metric: string, t: number): void => {
    const key = `${metric}|${Math.floor(t / BUCKET_MS)}`
    trend.set(key, (trend.get(key) ?? 0) + 1)
  }

  return {
    add(messageId: number, r: TallyRow): void {
      add('qualified')
      add(`grp:${r.grp}`)
      add(`ds:${r.dispatchState}`)
      const sent = r.dispatchState === 'sent'
      if (r.dispatchState === 'error') add(`derr:${r.dispatchError ?? 'provider_error'}`)
      if (sent) {
        add(`st:${r.status ?? 'awaiting'}`)
        bucket('sent', r.sentAt ?? r.dispatchedAt ?? 0)
        if (r.status === 'delivered' || r.status === 'read') {
          add('delivered')
          bucket('delivered', r.deliveredAt ?? r.readAt ?? r.sentAt ?? 0)
        }
        if (r.status === 'read') bucket('viewed', r.readAt ?? r.deliveredAt ?? r.sentAt ?? 0)
        if (r.status === 'failed') add(`ferr:${r.failureCode ?? 'unknown'}`)
      }
      if (r.grp === 'target' && r.replyCount > 0) {
        add('replied')
        add('replies', r.replyCount)
        bucket('replied', r.firstReplyAt ?? r.sentAt ?? 0)
      }
      const anchor = r.grp === 'control' ? r.setAsideAt : sent ? r.sentAt : null
      if (anchor === null) return
      let first = Infinity
      let micros = 0
      let count = 0
      for (const e of r.events) {
        if (e.event !== goal.event || e.at < anchor || e.at > anchor + goal.windowMs) continue
        first = Math.min(first, e.at)
        micros += Math.round((e.revenue ?? 0) * 1e6)
        count++
      }
      if (count === 0) return
      conversions.push([messageId, r.grp, first, micros, count])
      add(`conv:${r.grp}`)
      add(`rev:${r.grp}`, micros)
      if (r.grp === 'target') bucket('converted', first)
    },

    /** Writes the tallies of a still-suspended campaign, then hands it back to the triggers. */
    write(db: Db, campaignId: string): void {
      db.transaction(() => {
        const counter = db.prepare(
          'INSERT INTO stats_counter (campaign_id, key, n) VALUES (?, ?, ?)'
        )
        for (const [key, n] of counters) if (n !== 0) counter.run(campaignId, key, n)
        const trendRow = db.prepare(
          'INSERT INTO stats_trend (campaign_id, metric, bucket, n) VALUES (?, ?, ?, ?)'
        )
        for (const [key, n] of trend) {
          const [metric, b] = key.split('|') as [string, string]
          trendRow.run(campaignId, metric, Number(b), n)
        }
        const conversion = db.prepare(
          `INSERT INTO message_conversion (message_id, campaign_id, grp, converted_at, revenue_micros, events)
           VALUES (?, ?, ?, ?, ?, ?)`
        )
        for (const [id, grp, at, micros, events] of conversions)
          conversion.run(id, campaignId, grp, at, micros, events)
        db.prepare('DELETE FROM stats_suspended WHERE campaign_id = ?').run(campaignId)
      })()
    }
  }
}
