import type { CallbackHealth } from '../../shared/ipc/routes/callbacks'
import type { Db } from '../db/openDb'
import { createReconcileRepo } from '../db/repos/reconcileRepo'
import { createDeliveryLatency } from '../db/repos/deliveryLatencyRepo'

/** Sent messages with no report at all after this long count as "awaiting report" (spec §4). */
export const AWAITING_AFTER_MS = 10 * 60_000

const AWAITING = "status IS NULL AND dispatch_state = 'sent' AND sent_at < ?"

/**
 * `callbacks.health`. Per campaign: received/last from the callbacks applied to its messages,
 * awaiting from its messages, the median delivery time from the stats histogram (within ±2.2%,
 * see `stats/deliveryLatency.ts`); refusals, ignored items, unmatched statuses and unattributed
 * replies cannot belong to a campaign (they matched no message), so those are its provider's
 * numbers. The per-campaign queries use partial indexes or small tables, so they stay fast at 1M.
 */
export function createHealth(db: Db) {
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
  const latency = createDeliveryLatency(db)
  const reconcile = createReconcileRepo(db)

  return function health(
    filter: { providerId?: string; campaignId?: string },
    now = Date.now()
  ): CallbackHealth {
    const cutoff = now - AWAITING_AFTER_MS
    const campaignId = filter.campaignId
    const providerId = campaignId
      ? (campaignOf.get(campaignId)?.provider_id ?? '\u0000none')
      : filter.providerId
    const scope = providerId ?? '*'
    const rows = counters.all(scope, scope)
    const rejected: Record<string, number> = {}
    let received = 0
    let lastReceivedAt: number | null = null
    for (const r of rows) {
      if (r.reason === 'received') {
        received = r.count
        lastReceivedAt = r.last_at
      } else rejected[r.reason] = r.count
    }
    let awaitingReport: number
    let medianDeliveryMs: number | null
    if (campaignId) {
      const c = campaignReceived.get(campaignId)
      received = c?.received ?? 0
      lastReceivedAt = c?.last_at ?? null
      awaitingReport = awaitingCampaign.get(campaignId, cutoff)!.n
      medianDeliveryMs = latency.campaign(campaignId)
    } else {
      awaitingReport = providerId
        ? awaitingProvider.get(providerId, cutoff)!.n
        : awaitingAll.get(cutoff)!.n
      medianDeliveryMs = latency.scope(scope)
    }
    const ignored: Record<string, number> = {}
    for (const r of ignoredCounts.all(scope, scope)) ignored[r.reason] = r.count
    return {
      lastReceivedAt,
      received,
      rejected,
      ignored,
      ignoredSamples: ignoredSamples.all(scope, scope),
      unmatched: unmatched.get(scope, scope)!.n,
      unattributedReplies: unattributed.get(scope, scope)!.n,
      awaitingReport,
      reconciled: reconcile.reconciled(campaignId ? { campaignId } : { providerId }),
      medianDeliveryMs
    }
  }
}
