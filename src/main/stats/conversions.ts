import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Db } from '../db/openDb'

/** Rows drained per transaction: a few milliseconds of work, so the event loop stays responsive. */
const CHUNK = 1000

/** When a user's window starts: sent time (target users that were sent) or set-aside time (control). */
const ANCHOR = `CASE WHEN m.grp = 'control' THEN m.set_aside_at WHEN m.dispatch_state = 'sent' THEN m.sent_at END`
/** The goal event's revenue in micro-units (integers sum exactly in any order). */
const REVENUE_MICROS = `CAST(ROUND(COALESCE(CASE WHEN g.revenue_property IS NULL THEN e.revenue
  WHEN json_valid(e.properties) THEN CAST(json_extract(e.properties, '$."' || g.revenue_property || '"') AS REAL)
  END, 0) * 1000000) AS INTEGER)`

/**
 * SELECT producing `message_conversion` rows for the messages of `source` (a FROM fragment
 * aliasing `message` as m): first goal event inside [anchor, anchor + window], revenue of all.
 */
export function conversionSelect(source: string): string {
  return `SELECT m.id, m.campaign_id, m.grp, MIN(e.at), SUM(${REVENUE_MICROS}), COUNT(*)
    FROM ${source}
    JOIN stats_goal g ON g.campaign_id = m.campaign_id
    JOIN contact_event e ON e.contact_id = m.contact_id AND e.event = g.event
      AND e.at >= ${ANCHOR} AND e.at <= ${ANCHOR} + g.window_ms
    GROUP BY m.id`
}

export type ConversionDrainer = ReturnType<typeof createConversionDrainer>

/**
 * Recomputes the conversions of messages marked dirty by the triggers (new goal events, sends),
 * in small transactions with a yield between them. Concurrent callers share one drain.
 */
export function createConversionDrainer(db: Db) {
  const pick = db.prepare<[string, number], number>(
    'SELECT message_id FROM stats_conversion_dirty WHERE campaign_id = ? LIMIT ?'
  )
  pick.pluck()
  const hasDirty = db.prepare<[string], number>(
    'SELECT 1 FROM stats_conversion_dirty WHERE campaign_id = ? LIMIT 1'
  )
  hasDirty.pluck()
  const ids = `(SELECT value FROM json_each(?))`
  const clear = db.prepare(`DELETE FROM message_conversion WHERE message_id IN ${ids}`)
  const insert = db.prepare(
    `INSERT INTO message_conversion (message_id, campaign_id, grp, converted_at, revenue_micros, events)
     ${conversionSelect(`message m`).replace('GROUP BY m.id', `WHERE m.id IN ${ids} GROUP BY m.id`)}`
  )
  const done = db.prepare(`DELETE FROM stats_conversion_dirty WHERE message_id IN ${ids}`)
  const applyChunk = db.transaction((campaignId: string): number => {
    const chunk = pick.all(campaignId, CHUNK)
    if (chunk.length === 0) return 0
    const json = JSON.stringify(chunk)
    clear.run(json)
    insert.run(json)
    done.run(json)
    return chunk.length
  })
  const running = new Map<string, Promise<void>>()

  async function drain(campaignId: string): Promise<void> {
    while (applyChunk(campaignId) === CHUNK) await yieldToLoop()
  }

  return {
    /** Resolves once the campaign has no dirty conversions left. */
    async fresh(campaignId: string): Promise<void> {
      if (!hasDirty.get(campaignId)) return
      let job = running.get(campaignId)
      if (!job) {
        job = drain(campaignId).finally(() => running.delete(campaignId))
        running.set(campaignId, job)
      }
      await job
      // Rows dirtied while we drained (a concurrent import) are picked up by this loop too.
      if (hasDirty.get(campaignId)) await this.fresh(campaignId)
    }
  }
}
