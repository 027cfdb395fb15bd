import type { Db } from '../openDb'

const AWAITING = "status IS NULL AND dispatch_state = 'sent' AND sent_at < ?"

/**
 * The reads of `callbacks.health`: counters of received, refused and ignored callbacks, open
 * unmatched statuses, unattributed replies and messages still awaiting a report. Each takes a
 * scope, a provider id or '*' for all. The per-campaign queries use partial indexes or small
 * tables, so they stay fast at 1M. Writes nothing.
 */
export function createCallbackHealthRepo(db: Db) {
  const campaignOf = db.prepare<[string], { provider_id: string }>(
    'SELECT provider_id FROM campaign WHERE id = ?'
  )
  const counters = db.prepare<[string, string], { reason: string; count: number; last_at: number }>(
    `SELECT reason, SUM(count) AS count, MAX(last_at) AS last_at FROM callback_counter
     WHERE (? = '*' OR provider_id = ?) GROUP BY reason`
  )
  const ignoredCounts = db.prepare<[string, string], { reason: string; count: number }>(
    `SELECT reason, SUM(count) AS count FROM callback_ignored
     WHERE (? = '*' OR provider_id = ?) GROUP BY reason ORDER BY reason`
  )
  const ignoredSamples = db.prepare<
    [string, string],
    { reason: string; at: number; sample: string }
  >(
    `SELECT reason, at, sample FROM callback_ignored_sample
     WHERE (? = '*' OR provider_id = ?) ORDER BY id DESC LIMIT 30`
  )
  const campaignReceived = db.prepare<[string], { received: number; last_at: number }>(
    'SELECT received, last_at FROM callback_campaign_counter WHERE campaign_id = ?'
  )
  // A provider re-delivering the same unknown status is one unmatched report, not two (spec §4:
  // duplicates change nothing); the normalised event JSON is identical for identical reports.
  const unmatched = db.prepare<[string, string], { n: number }>(
    `SELECT COUNT(DISTINCT provider_id || char(0) || event) AS n FROM callback_unmatched
     WHERE resolved_at IS NULL AND (? = '*' OR provider_id = ?)`
  )
  const unattributed = db.prepare<[string, string], { n: number }>(
    `SELECT COUNT(*) AS n FROM inbound_message
     WHERE message_id IS NULL AND (? = '*' OR provider_id = ?)`
  )
  const awaitingCampaign = db.prepare<[string, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM message WHERE campaign_id = ? AND ${AWAITING}`
  )
  const awaitingProvider = db.prepare<[string, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM message
     WHERE campaign_id IN (SELECT id FROM campaign WHERE provider_id = ?) AND ${AWAITING}`
  )
  const awaitingAll = db.prepare<[number], { n: number }>(
    `SELECT COUNT(*) AS n FROM message WHERE ${AWAITING}`
  )
  return {
    /** The provider account of a campaign; undefined for no such campaign. */
    providerOfCampaign: (campaignId: string): string | undefined =>
      campaignOf.get(campaignId)?.provider_id,
    counters: (scope: string) => counters.all(scope, scope),
    ignoredCounts: (scope: string) => ignoredCounts.all(scope, scope),
    ignoredSamples: (scope: string) => ignoredSamples.all(scope, scope),
    campaignReceived: (campaignId: string) => campaignReceived.get(campaignId),
    unmatched: (scope: string): number => unmatched.get(scope, scope)!.n,
    unattributedReplies: (scope: string): number => unattributed.get(scope, scope)!.n,
    /** Sent before `cutoff` and no report at all yet: of a campaign, a provider, or all. */
    awaitingCampaign: (campaignId: string, cutoff: number): number =>
      awaitingCampaign.get(campaignId, cutoff)!.n,
    awaitingProvider: (providerId: string, cutoff: number): number =>
      awaitingProvider.get(providerId, cutoff)!.n,
    awaitingAll: (cutoff: number): number => awaitingAll.get(cutoff)!.n
  }
}
export type CallbackHealthRepo = ReturnType<typeof createCallbackHealthRepo>
