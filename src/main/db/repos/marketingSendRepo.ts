import type { Db } from '../openDb'
import type { DispatchOutcome } from './messageRepo'

type SentOutcome = Extract<DispatchOutcome, { kind: 'sent' }>

/**
 * The only writer of `marketing_send`: one row per message sent through the Marketing Messages
 * API, with the send response's `message_status` (`accepted`, `held_for_quality_assessment`).
 * Its presence is what makes a campaign "sent through that API" (and so have a Clicked stat).
 * The dispatch writer calls it right after committing the same batch of outcomes; re-recording a
 * batch (after a busy retry) changes nothing.
 */
export function createMarketingSendRecorder(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO marketing_send (message_id, campaign_id, message_status, at)
     SELECT id, campaign_id, ?, ? FROM message WHERE id = ?`
  )
  const recordMany = db.transaction((sends: SentOutcome[]) => {
    for (const o of sends) insert.run(o.marketingMessageStatus!.slice(0, 60), o.at, o.id)
  })
  return (outcomes: readonly DispatchOutcome[]): void => {
    const sends = outcomes.filter(
      (o): o is SentOutcome => o.kind === 'sent' && o.marketingMessageStatus !== undefined
    )
    if (sends.length) recordMany(sends)
  }
}
export type MarketingSendRecorder = ReturnType<typeof createMarketingSendRecorder>

export interface MarketingStats {
  /** Target users who clicked; null when no message of the campaign went through the API. */
  clicked: number | null
  landingPageViews: number | null
  /** Sends per `message_status` (e.g. held_for_quality_assessment), empty when none. */
  sendStatus: Record<string, number>
}

/** 1 when campaign `id` (an SQL expression) sent through the Marketing Messages API, else NULL. */
export const marketingSentSql = (id: string): string =>
  `(SELECT 1 FROM marketing_send_tally WHERE campaign_id = ${id} AND n > 0 LIMIT 1)`

/**
 * The click tally of campaign `@id` as three result columns (`mmSent`, `mmClicked`, `mmViews`),
 * for a statement that reads it beside other things; `marketingCountsOf` maps them.
 */
export const MARKETING_COUNT_COLUMNS = `${marketingSentSql('@id')} AS mmSent,
  (SELECT clicked FROM marketing_tally WHERE campaign_id = @id) AS mmClicked,
  (SELECT landing_page_views FROM marketing_tally WHERE campaign_id = @id) AS mmViews`

export interface MarketingCountColumns {
  mmSent: number | null
  mmClicked: number | null
  mmViews: number | null
}

export const marketingCountsOf = (
  row: MarketingCountColumns
): Pick<MarketingStats, 'clicked' | 'landingPageViews'> =>
  row.mmSent === null
    ? { clicked: null, landingPageViews: null }
    : { clicked: row.mmClicked ?? 0, landingPageViews: row.mmViews ?? 0 }

/** Reads the per-campaign click tally and send statuses (index reads, never a message scan). */
export function createMarketingStatsReader(db: Db) {
  const statuses = db.prepare<[string], { message_status: string; n: number }>(
    'SELECT message_status, n FROM marketing_send_tally WHERE campaign_id = ? AND n > 0'
  )
  const tally = db.prepare<{ id: string }, MarketingCountColumns>(
    `SELECT ${MARKETING_COUNT_COLUMNS}`
  )
  return {
    /** Cheap: one statement of three index probes. */
    counts(campaignId: string): Pick<MarketingStats, 'clicked' | 'landingPageViews'> {
      return marketingCountsOf(tally.get({ id: campaignId })!)
    },
    /** Clicks, views and sends by status. */
    read(campaignId: string): MarketingStats {
      const sendStatus: Record<string, number> = {}
      for (const r of statuses.all(campaignId)) sendStatus[r.message_status] = r.n
      return { ...this.counts(campaignId), sendStatus }
    }
  }
}
export type MarketingStatsReader = ReturnType<typeof createMarketingStatsReader>
