import type { Db } from '../openDb'

/**
 * Per-campaign numbers of issue #10 from their own small tables, counted through partial indexes
 * at read time (not stats counters): `reacted` = target users with a (non-removed) reaction to
 * this campaign's message; `optedOut` = target users who stopped marketing messages (webhook or
 * keyword) after this campaign's message, attributed like replies. A later resume or a removed
 * reaction undoes neither; a 131050 failure is not this campaign's opt-out.
 */
export function createEngagementCounts(db: Db) {
  const reacted = db.prepare<[string], number>(
    `SELECT COUNT(DISTINCT message_id) FROM inbound_reaction INDEXED BY inbound_reaction_reacted
     WHERE campaign_id = ? AND message_id IS NOT NULL AND emoji != ''`
  )
  reacted.pluck()
  const optedOut = db.prepare<[string], number>(
    `SELECT COUNT(DISTINCT message_id) FROM opt_out_event INDEXED BY opt_out_event_stopped
     WHERE campaign_id = ? AND message_id IS NOT NULL AND value = 'stop'
       AND source != 'error_131050'`
  )
  optedOut.pluck()
  return (campaignId: string): { reacted: number; optedOut: number } => ({
    reacted: reacted.get(campaignId) ?? 0,
    optedOut: optedOut.get(campaignId) ?? 0
  })
}
export type EngagementCounts = ReturnType<typeof createEngagementCounts>
