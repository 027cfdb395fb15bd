import type { Db } from '../openDb'

/** Reports are still worth waiting for this long after a campaign ends. */
export const REPORTS_WINDOW_MS = 24 * 3600_000

/** The reads behind "should the computer stay awake": a campaign sending, or reports to come. */
export function createKeepAwakeRepo(db: Db) {
  const sending = db.prepare<[], { one: number }>(
    `SELECT 1 AS one FROM campaign WHERE status = 'running' LIMIT 1`
  )
  // Sent messages with no report yet (counter st:awaiting), of campaigns sending, paused or
  // ended within the window: their reports can only arrive while the app is awake.
  const awaiting = db.prepare<[number], { n: number }>(
    `SELECT COALESCE(SUM(s.n), 0) AS n FROM campaign c
     JOIN stats_counter s ON s.campaign_id = c.id AND s.key = 'st:awaiting'
     WHERE s.n > 0 AND (c.status IN ('running', 'paused')
       OR (c.status IN ('completed', 'cancelled') AND c.completed_at >= ?))`
  )
  return {
    sending: (): boolean => sending.get() !== undefined,
    awaitingReports: (since: number): number => awaiting.get(since)?.n ?? 0
  }
}
export type KeepAwakeRepo = ReturnType<typeof createKeepAwakeRepo>
