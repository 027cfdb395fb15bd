import type { Db } from '../db/openDb'
import { conversionSelect } from './conversions'

interface GroupRow {
  grp: string
  ds: string
  derr: string | null
  st: string | null
  ferr: string | null
  n: number
  replied: number
  replies: number
}

/**
 * Stops the triggers from maintaining a campaign's counters (bulk loads). Follow with
 * `rebuildCampaignStats`, which recomputes everything in one pass and resumes the triggers.
 */
export function suspendCampaignStats(db: Db, campaignId: string): void {
  db.prepare('INSERT OR IGNORE INTO stats_suspended (campaign_id) VALUES (?)').run(campaignId)
}

/**
 * Recomputes a campaign's counters, trend buckets and conversions from `message` and
 * `contact_event`, exactly as the triggers of 0030 maintain them, in one transaction.
 */
export function rebuildCampaignStats(db: Db, campaignId: string): void {
  db.transaction(() => {
    suspendCampaignStats(db, campaignId)
    for (const table of [
      'stats_counter',
      'stats_trend',
      'message_conversion',
      'stats_conversion_dirty'
    ])
      db.prepare(`DELETE FROM ${table} WHERE campaign_id = ?`).run(campaignId)

    const counters = new Map<string, number>()
    const add = (key: string, n: number): void =>
      void counters.set(key, (counters.get(key) ?? 0) + n)
    const groups = db
      .prepare<[string], GroupRow>(
        `SELECT grp, dispatch_state AS ds,
           CASE WHEN dispatch_state = 'error' THEN COALESCE(dispatch_error, 'provider_error') END AS derr,
           CASE WHEN dispatch_state = 'sent' THEN COALESCE(status, 'awaiting') END AS st,
           CASE WHEN dispatch_state = 'sent' AND status = 'failed' THEN COALESCE(failure_code, 'unknown') END AS ferr,
           COUNT(*) AS n,
           SUM(grp = 'target' AND reply_count > 0) AS replied,
           SUM(CASE WHEN grp = 'target' AND reply_count > 0 THEN reply_count ELSE 0 END) AS replies
         FROM message WHERE campaign_id = ? GROUP BY 1, 2, 3, 4, 5`
      )
      .all(campaignId)
    for (const g of groups) {
      add('qualified', g.n)
      add(`grp:${g.grp}`, g.n)
      add(`ds:${g.ds}`, g.n)
      if (g.derr !== null) add(`derr:${g.derr}`, g.n)
      if (g.st !== null) add(`st:${g.st}`, g.n)
      if (g.st === 'delivered' || g.st === 'read') add('delivered', g.n)
      if (g.ferr !== null) add(`ferr:${g.ferr}`, g.n)
      if (g.replied > 0) add('replied', g.replied)
      if (g.replies > 0) add('replies', g.replies)
    }

    db.prepare(
      `INSERT INTO message_conversion (message_id, campaign_id, grp, converted_at, revenue_micros, events)
       ${conversionSelect('message m').replace('GROUP BY m.id', 'WHERE m.campaign_id = ? GROUP BY m.id')}`
    ).run(campaignId)
    const conversions = db
      .prepare<[string], { grp: string; n: number; rev: number }>(
        `SELECT grp, COUNT(*) AS n, SUM(revenue_micros) AS rev FROM message_conversion
         WHERE campaign_id = ? GROUP BY grp`
      )
      .all(campaignId)
    for (const c of conversions) {
      add(`conv:${c.grp}`, c.n)
      add(`rev:${c.grp}`, c.rev)
    }
    const insertCounter = db.prepare(
      'INSERT INTO stats_counter (campaign_id, key, n) VALUES (?, ?, ?)'
    )
    for (const [key, n] of counters) if (n !== 0) insertCounter.run(campaignId, key, n)

    const sent = `FROM message WHERE campaign_id = @id AND dispatch_state = 'sent'`
    db.prepare(
      `INSERT INTO stats_trend (campaign_id, metric, bucket, n)
       SELECT @id, metric, bucket, COUNT(*) FROM (
         SELECT 'sent' AS metric, CAST(COALESCE(sent_at, dispatched_at, 0) / 900000 AS INTEGER) AS bucket ${sent}
         UNION ALL SELECT 'delivered', CAST(COALESCE(delivered_at, read_at, sent_at, 0) / 900000 AS INTEGER)
           ${sent} AND status IN ('delivered', 'read')
         UNION ALL SELECT 'viewed', CAST(COALESCE(read_at, delivered_at, sent_at, 0) / 900000 AS INTEGER)
           ${sent} AND status = 'read'
         UNION ALL SELECT 'replied', CAST(COALESCE(first_reply_at, sent_at, 0) / 900000 AS INTEGER)
           FROM message WHERE campaign_id = @id AND grp = 'target' AND reply_count > 0
         UNION ALL SELECT 'converted', CAST(converted_at / 900000 AS INTEGER)
           FROM message_conversion WHERE campaign_id = @id AND grp = 'target'
       ) GROUP BY metric, bucket`
    ).run({ id: campaignId })
    db.prepare('DELETE FROM stats_suspended WHERE campaign_id = ?').run(campaignId)
  })()
}
