import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Db } from '../db/openDb'
import { conversionSelect } from './conversions'

/** Message rowids per rebuild transaction: ~90,000 view rows, a few tens of milliseconds. */
const WINDOW = 10_000
/**
 * The engine's background rebuild sizes its pages to take about this long, so a read or a
 * callback that arrives during a page waits at most about this long (a 10,000-row page took
 * 60–90 ms at 1M recipients on a busy 2-core machine).
 */
const BACKGROUND_PAGE_MS = 15
const BACKGROUND_WINDOW = { first: 2_000, min: 200, max: WINDOW }

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
export function createStatsRebuild(db: Db, window = WINDOW) {
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
  const page = [
    // `+campaign_id`: by the campaign index SQLite would walk all its conversions on every page.
    `DELETE FROM message_conversion WHERE message_id > @from AND message_id <= @to AND +campaign_id = @id`,
    `DELETE FROM stats_conversion_dirty WHERE message_id > @from AND message_id <= @to AND campaign_id = @id`,
    `INSERT INTO message_conversion (message_id, campaign_id, grp, converted_at, revenue_micros, events)
     ${conversionSelect('message m').replace('GROUP BY m.id', 'WHERE m.id > @from AND m.id <= @to AND +m.campaign_id = @id GROUP BY m.id')}`,
    `INSERT INTO stats_counter (campaign_id, key, n) SELECT campaign_id, key, SUM(delta)
     FROM stats_message_delta WHERE ${range} GROUP BY key ${upsertCounter}`,
    `INSERT INTO stats_counter (campaign_id, key, n) SELECT campaign_id, key, SUM(delta)
     FROM stats_conversion_delta WHERE ${range} GROUP BY key ${upsertCounter}`,
    `INSERT INTO stats_trend (campaign_id, metric, bucket, n) SELECT campaign_id, metric, bucket, SUM(delta)
     FROM stats_message_trend WHERE ${range} GROUP BY metric, bucket ${upsertTrend}`,
    `INSERT INTO stats_trend (campaign_id, metric, bucket, n) SELECT campaign_id, metric, bucket, SUM(delta)
     FROM stats_conversion_trend WHERE ${range} GROUP BY metric, bucket ${upsertTrend}`,
    `INSERT INTO delivery_latency (campaign_id, bucket, n) SELECT campaign_id, bucket, SUM(delta)
     FROM stats_message_latency WHERE ${range} GROUP BY bucket
     ON CONFLICT (campaign_id, bucket) DO UPDATE SET n = n + excluded.n`,
    'UPDATE stats_suspended SET counted_through = @to WHERE campaign_id = @id'
  ].map((sql) => db.prepare(sql))
  const resume = db.prepare('DELETE FROM stats_suspended WHERE campaign_id = ?')

  const countPage = db.transaction((id: string, size: number): boolean => {
    const from = countedThrough.get(id)
    if (from === undefined) return true
    const last = lastMessageId.get() ?? 0
    if (from < last) {
      const params = { id, from, to: from + size }
      for (const statement of page) statement.run(params)
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

/**
 * The engine's background rebuilds: every suspended campaign at startup and whenever a read finds
 * one, one page per event-loop turn. `done` announces a campaign whose counters are current again.
 */
export function createStatsRebuilder(
  db: Db,
  hooks: { done(campaignId: string): void; failed(campaignId: string, err: unknown): void }
) {
  const rebuild = createStatsRebuild(db)
  const queue = new Set<string>()
  let running: Promise<void> | null = null
  let stopped = false

  let size = BACKGROUND_WINDOW.first
  /** One page of `id`, its size adjusted toward BACKGROUND_PAGE_MS from the last page's time. */
  function page(id: string): boolean {
    const started = performance.now()
    const done = rebuild.step(id, size)
    const ms = Math.max(1, performance.now() - started)
    const { min, max } = BACKGROUND_WINDOW
    // At most doubling per page: a page of rows without messages is quick but says little.
    const next = Math.min(2 * size, (size * BACKGROUND_PAGE_MS) / ms)
    size = Math.max(min, Math.min(max, Math.round(next)))
    return done
  }

  async function run(): Promise<void> {
    // The read that scheduled this answers first: no page runs inside it.
    await yieldToLoop()
    for (let id = first(); id !== undefined && !stopped; id = first()) {
      try {
        while (!stopped && !page(id)) await yieldToLoop()
        if (!stopped) hooks.done(id)
      } catch (err) {
        hooks.failed(id, err)
      }
      queue.delete(id)
      await yieldToLoop()
    }
  }
  const first = (): string | undefined => queue.values().next().value

  return {
    /** Queues a suspended campaign (no-op when it is current or already queued). */
    schedule(id: string): void {
      if (stopped || queue.has(id) || rebuild.progress(id) === null) return
      queue.add(id)
      running ??= run().finally(() => (running = null))
    },
    scheduleAll(): void {
      for (const id of rebuild.suspended()) this.schedule(id)
    },
    progress: (id: string): RebuildProgress | null => rebuild.progress(id),
    /** Resolves when nothing is queued (tests, benches). */
    async idle(): Promise<void> {
      while (running) await running
    },
    async stop(): Promise<void> {
      stopped = true
      await running
    }
  }
}
export type StatsRebuilder = ReturnType<typeof createStatsRebuilder>
