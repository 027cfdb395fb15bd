import type { Db } from '../openDb'
import type { FinishedMessage } from './messageRepo'
import { createMessageTally } from './statsTally'

/**
 * The one writer of the stats tables the engine counts into: `message_conversion`,
 * `stats_conversion_dirty`, `stats_counter`, `stats_trend`, `delivery_latency` and
 * `stats_suspended` (beside the triggers of migrations 0030/0060/0120, which share its views).
 * The drain loop (`stats/conversions.ts`) and the background rebuilder (`stats/rebuild.ts`)
 * decide when; these statements are what they run.
 */

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

/** Recomputes conversions marked dirty by the triggers (new goal events, sends), a chunk at a time. */
export function createConversionRepo(db: Db) {
  const pick = db.prepare<[string, number], number>(
    'SELECT message_id FROM stats_conversion_dirty WHERE campaign_id = ? LIMIT ?'
  )
  pick.pluck()
  const hasDirty = db.prepare<[string], number>(
    'SELECT 1 FROM stats_conversion_dirty WHERE campaign_id = ? LIMIT 1'
  )
  hasDirty.pluck()
  const anyDirty = db.prepare<[], string>('SELECT campaign_id FROM stats_conversion_dirty LIMIT 1')
  anyDirty.pluck()
  const ids = `(SELECT value FROM json_each(?))`
  const clear = db.prepare(`DELETE FROM message_conversion WHERE message_id IN ${ids}`)
  const insert = db.prepare(
    `INSERT INTO message_conversion (message_id, campaign_id, grp, converted_at, revenue_micros, events)
     ${conversionSelect(`message m`).replace('GROUP BY m.id', `WHERE m.id IN ${ids} GROUP BY m.id`)}`
  )
  const done = db.prepare(`DELETE FROM stats_conversion_dirty WHERE message_id IN ${ids}`)
  const applyChunk = db.transaction((campaignId: string, size: number): number => {
    const chunk = pick.all(campaignId, size)
    if (chunk.length === 0) return 0
    const json = JSON.stringify(chunk)
    clear.run(json)
    insert.run(json)
    done.run(json)
    return chunk.length
  })
  return {
    hasDirty: (campaignId: string): boolean => hasDirty.get(campaignId) !== undefined,
    /** A campaign with stale conversions, if any. */
    anyDirtyCampaign: (): string | undefined => anyDirty.get(),
    /** Recomputes up to `size` dirty conversions of the campaign in one transaction; how many. */
    applyChunk: (campaignId: string, size: number): number => applyChunk(campaignId, size)
  }
}
export type ConversionRepo = ReturnType<typeof createConversionRepo>

/** Message rowids per rebuild transaction: ~90,000 view rows, a few tens of milliseconds. */
export const REBUILD_WINDOW = 10_000
/** How far a campaign's rebuild got: messages with a rowid up to `counted` are counted. */
export interface RebuildProgress {
  counted: number
  lastMessageId: number
}

/**
 * Counter rebuilds over the stats views (migrations 0060 and 0120: the one derivation the
 * triggers use too).
 * A suspended campaign is counted in pages of message rowids: rows up to `counted_through` are
 * counted and kept current by the triggers, later rows wait for their page, so a rebuild can run
 * in the background while messages change, resume after a crash, and never blocks a read.
 */
export function createStatsRebuild(db: Db, window = REBUILD_WINDOW) {
  const range = `+campaign_id = @id AND message_id > @from AND message_id <= @to`
  const upsertCounter = 'ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n'
  const upsertTrend = 'ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n'
  const zero = ['stats_counter', 'stats_trend', 'delivery_latency'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE campaign_id = ?`)
  )
  // Counting starts just before the campaign's first message (or after the last message of all
  // when it has none yet): a data file holding other campaigns' millions of rows is not paged
  // through for nothing. MIN(id) walks one campaign's index range, MAX(id) is one B-tree probe.
  const suspend = db.prepare(
    `INSERT OR REPLACE INTO stats_suspended (campaign_id, counted_through)
     SELECT @id, COALESCE((SELECT MIN(id) FROM message WHERE campaign_id = @id) - 1,
       (SELECT MAX(id) FROM message), 0)`
  )
  const countedThrough = db
    .prepare<[string], number>('SELECT counted_through FROM stats_suspended WHERE campaign_id = ?')
    .pluck()
  const lastMessageId = db.prepare<[], number | null>('SELECT MAX(id) FROM message').pluck()
  const suspendedIds = db
    .prepare<[], string>('SELECT campaign_id FROM stats_suspended ORDER BY campaign_id')
    .pluck()
  // A page: its conversions recomputed and their contributions added with the delivery
  // histogram's, then the message rows' counters and trend (through the views, or from a bulk
  // load's tally of them: `countLoad`), then marked counted.
  const conversionStatements = [
    // `+campaign_id`: by the campaign index SQLite would walk all its conversions on every page.
    `DELETE FROM message_conversion WHERE message_id > @from AND message_id <= @to AND +campaign_id = @id`,
    `DELETE FROM stats_conversion_dirty WHERE message_id > @from AND message_id <= @to AND campaign_id = @id`,
    `INSERT INTO message_conversion (message_id, campaign_id, grp, converted_at, revenue_micros, events)
     ${conversionSelect('message m').replace('GROUP BY m.id', 'WHERE m.id > @from AND m.id <= @to AND +m.campaign_id = @id GROUP BY m.id')}`,
    `INSERT INTO stats_counter (campaign_id, key, n) SELECT campaign_id, key, SUM(delta)
     FROM stats_conversion_delta WHERE ${range} GROUP BY key ${upsertCounter}`,
    `INSERT INTO stats_trend (campaign_id, metric, bucket, n) SELECT campaign_id, metric, bucket, SUM(delta)
     FROM stats_conversion_trend WHERE ${range} GROUP BY metric, bucket ${upsertTrend}`,
    `INSERT INTO delivery_latency (campaign_id, bucket, n) SELECT campaign_id, bucket, SUM(delta)
     FROM stats_message_latency WHERE ${range} GROUP BY bucket
     ON CONFLICT (campaign_id, bucket) DO UPDATE SET n = n + excluded.n`
  ].map((sql) => db.prepare(sql))
  const messageStatements = [
    `INSERT INTO stats_counter (campaign_id, key, n) SELECT campaign_id, key, SUM(delta)
     FROM stats_message_delta WHERE ${range} GROUP BY key ${upsertCounter}`,
    `INSERT INTO stats_trend (campaign_id, metric, bucket, n) SELECT campaign_id, metric, bucket, SUM(delta)
     FROM stats_message_trend WHERE ${range} GROUP BY metric, bucket ${upsertTrend}`
  ].map((sql) => db.prepare(sql))
  const markCounted = db.prepare(
    'UPDATE stats_suspended SET counted_through = @to WHERE campaign_id = @id'
  )
  const addCounter = db.prepare(
    `INSERT INTO stats_counter (campaign_id, key, n) VALUES (?, ?, ?) ${upsertCounter}`
  )
  const addTrend = db.prepare(
    `INSERT INTO stats_trend (campaign_id, metric, bucket, n) VALUES (?, ?, ?, ?) ${upsertTrend}`
  )
  const countRange = (params: { id: string; from: number; to: number }): void => {
    for (const statement of conversionStatements) statement.run(params)
    for (const statement of messageStatements) statement.run(params)
    markCounted.run(params)
  }
  const resume = db.prepare('DELETE FROM stats_suspended WHERE campaign_id = ?')

  const countPage = db.transaction((id: string, size: number): boolean => {
    const from = countedThrough.get(id)
    if (from === undefined) return true
    const last = lastMessageId.get() ?? 0
    if (from < last) {
      const params = { id, from, to: from + size }
      countRange(params)
      if (params.to < last) return false
    }
    resume.run(id)
    return true
  })
  /**
   * Counts the next page (`size` message rowids) of a suspended campaign; true once it is fully
   * counted (or was). IMMEDIATE: the page reads where the count stands only once it holds the
   * write lock, so another process counting the same campaign (the engine of a running app
   * beside `npm run demo`) waits for it instead of failing on a stale read (SQLITE_BUSY).
   */
  const step = (id: string, size = window): boolean => countPage.immediate(id, size)

  /**
   * Counts the rows of a bulk load inside its own transactions, from a tally the loader keeps of
   * what it writes (see `createMessageTally`): begin before the rows of a transaction are
   * written, `add` each message, `done` before it commits. The rows are the message rowids
   * written in between; conversions and the delivery histogram are counted through the views as
   * a page would. When the campaign is no longer suspended (an engine beside the load finished
   * its rebuild) the triggers counted the rows; when rows written before are not counted yet,
   * the whole range is counted as a page and the tally is not used.
   */
  function countLoad(id: string): { add(m: FinishedMessage): void; done(): void } {
    const before = lastMessageId.get() ?? 0
    const tally = createMessageTally()
    return {
      add: tally.add,
      done() {
        const from = countedThrough.get(id)
        if (from === undefined) return
        const params = { id, from, to: lastMessageId.get() ?? 0 }
        if (from !== before) return countRange(params)
        // In pages of `window` rowids, as a rebuild: the histogram's GROUP BY over 200,000 rows
        // at once cost about twice as much as page by page.
        for (let at = from; at < params.to; at += window) {
          const page = { id, from: at, to: Math.min(params.to, at + window) }
          for (const statement of conversionStatements) statement.run(page)
        }
        for (const [key, n] of tally.counters) addCounter.run(id, key, n)
        for (const { metric, bucket, n } of tally.trend()) addTrend.run(id, metric, bucket, n)
        markCounted.run(params)
      }
    }
  }

  return {
    /**
     * Stops the triggers from counting a campaign and clears its counters (bulk loads write rows
     * faster without them); a rebuild counts everything afterwards.
     */
    suspend(id: string): void {
      db.transaction(() => {
        for (const statement of zero) statement.run(id)
        suspend.run({ id })
      })()
    },
    step,
    countLoad,
    /** Null when the campaign's counters are current. */
    progress(id: string): RebuildProgress | null {
      const counted = countedThrough.get(id)
      return counted === undefined ? null : { counted, lastMessageId: lastMessageId.get() ?? 0 }
    },
    suspended: (): string[] => suspendedIds.all()
  }
}
export type StatsRebuild = ReturnType<typeof createStatsRebuild>

/** Suspends a campaign's counters before a bulk load (see `createStatsRebuild().suspend`). */
export function suspendCampaignStats(db: Db, campaignId: string): void {
  createStatsRebuild(db).suspend(campaignId)
}

/**
 * Recounts a campaign's counters, trend, delivery histogram and conversions from scratch, page
 * after page without yielding: for the demo CLI and tests. The engine uses `createStatsRebuilder`.
 */
export function rebuildCampaignStats(db: Db, campaignId: string): void {
  const rebuild = createStatsRebuild(db)
  rebuild.suspend(campaignId)
  while (!rebuild.step(campaignId));
}
