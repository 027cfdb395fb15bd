import type { Db } from '../openDb'

export interface CampaignRef {
  id: string
  providerType: string | null
  /** The conversion goal's event and window; null without a goal. */
  goalEvent: string | null
  goalWindowMs: number | null
  /** The goal's revenue currency as the draft names it; null: Settings' default applies. */
  goalCurrency: string | null
}

/** Where every stats read starts: the campaign, whether its counters can be read now, and them. */
export interface StatsReadStart {
  campaign: CampaignRef
  /** Its counters are being rebuilt (bulk load, upgrade): the rebuilder says how far. */
  suspended: boolean
  /** Some of its conversions are stale: they are drained, then the counters read again. */
  dirty: boolean
  /** The counters as they stand (current unless `suspended` or `dirty`). */
  counters: Map<string, number>
}

// One row: the campaign's counters as one JSON object. Every stats read starts here, and a
// row object per counter (a few dozen) cost three times what parsing one string does.
const counterObjectOf = (campaignId: string): string =>
  `SELECT json_group_object(key, n) FROM stats_counter WHERE campaign_id = ${campaignId}`

/** The counters by key (keys are never numeric, so the object keeps their order). */
const countersOf = (json: string | null): Map<string, number> =>
  new Map(Object.entries(JSON.parse(json ?? '{}') as Record<string, number>))

/**
 * The stats reads over the trigger-maintained counters (a few dozen rows per campaign), the
 * campaign's provider type and the message span a rebuild reports its progress against.
 */
export function createStatsReadRepo(db: Db) {
  // One statement, not four (campaign, rebuild, stale conversions, counters): each statement is
  // its own read transaction (~2.5 µs in WAL), and every stats read asks all four. The rebuild
  // (stats_suspended) and the drain (stats_conversion_dirty) are statsCounterRepo's tables.
  const start = db.prepare<
    [string],
    CampaignRef & { suspended: number; dirty: number; counters: string | null }
  >(
    `SELECT c.id, p.type AS providerType, c.goal_event AS goalEvent,
       c.goal_window_ms AS goalWindowMs,
       json_extract(c.draft, '$.conversion.currency') AS goalCurrency,
       EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = c.id) AS suspended,
       EXISTS (SELECT 1 FROM stats_conversion_dirty WHERE campaign_id = c.id) AS dirty,
       (${counterObjectOf('c.id')}) AS counters
     FROM campaign c LEFT JOIN provider p ON p.id = c.provider_id WHERE c.id = ?`
  )
  const counterObject = db.prepare<[string], string | null>(counterObjectOf('?')).pluck()
  const trendRows = db.prepare<[string], { metric: string; bucket: number; n: number }>(
    'SELECT metric, bucket, n FROM stats_trend WHERE campaign_id = ? AND n <> 0'
  )
  const failureText = db.prepare<[string, string], string>(
    `SELECT failure_title FROM message WHERE campaign_id = ? AND dispatch_state = 'sent'
       AND status = 'failed' AND failure_code = ? AND failure_title IS NOT NULL LIMIT 1`
  )
  failureText.pluck()
  // A campaign's first and last message, by its (campaign_id, seq) index: two probes. (MIN/MAX(id)
  // of the campaign would walk all its index entries; rows are written in seq order.)
  const messageSpan = db.prepare<{ id: string }, { first: number | null; last: number | null }>(
    `SELECT (SELECT id FROM message WHERE campaign_id = @id ORDER BY seq LIMIT 1) AS first,
            (SELECT id FROM message WHERE campaign_id = @id ORDER BY seq DESC LIMIT 1) AS last`
  )
  return {
    start(campaignId: string): StatsReadStart | undefined {
      const row = start.get(campaignId)
      if (!row) return undefined
      // Written out: object rest of an SQL row costs about a microsecond, on every stats read.
      const { id, providerType, goalEvent, goalWindowMs, goalCurrency } = row
      return {
        campaign: { id, providerType, goalEvent, goalWindowMs, goalCurrency },
        suspended: row.suspended === 1,
        dirty: row.dirty === 1,
        counters: countersOf(row.counters)
      }
    },
    /** The campaign's counters, read again after a drain. */
    counters: (campaignId: string): Map<string, number> =>
      countersOf(counterObject.get(campaignId) ?? null),
    trend: (campaignId: string) => trendRows.all(campaignId),
    /** A provider's own text for a failure code of the campaign, if one was reported. */
    failureTitle: (campaignId: string, code: string): string | undefined =>
      failureText.get(campaignId, code),
    messageSpan: (campaignId: string) => messageSpan.get({ id: campaignId })!
  }
}
export type StatsReadRepo = ReturnType<typeof createStatsReadRepo>
