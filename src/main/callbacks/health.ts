import type { CallbackHealth } from '../../shared/ipc/routes/callbacks'
import type { CallbackHealthRepo } from '../db/repos/callbackHealthRepo'
import type { DeliveryLatency } from '../db/repos/deliveryLatencyRepo'
import type { ReconcileRepo } from '../db/repos/reconcileRepo'

/** Sent messages with no report at all after this long count as "awaiting report" (spec §4). */
export const AWAITING_AFTER_MS = 10 * 60_000

export interface HealthSources {
  reads: CallbackHealthRepo
  latency: DeliveryLatency
  reconcile: Pick<ReconcileRepo, 'reconciled'>
}

/**
 * `callbacks.health`. Per campaign: received/last from the callbacks applied to its messages,
 * awaiting from its messages, the median delivery time from the stats histogram (within ±2.2%,
 * see `stats/deliveryLatency.ts`); refusals, ignored items, unmatched statuses and unattributed
 * replies cannot belong to a campaign (they matched no message), so those are its provider's
 * numbers. The per-campaign queries use partial indexes or small tables, so they stay fast at 1M.
 */
export function createHealth({ reads, latency, reconcile }: HealthSources) {
  return function health(
    filter: { providerId?: string; campaignId?: string },
    now: number
  ): CallbackHealth {
    const cutoff = now - AWAITING_AFTER_MS
    const campaignId = filter.campaignId
    const providerId = campaignId
      ? (reads.providerOfCampaign(campaignId) ?? '\u0000none')
      : filter.providerId
    const scope = providerId ?? '*'
    const rows = reads.counters(scope)
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
      const c = reads.campaignReceived(campaignId)
      received = c?.received ?? 0
      lastReceivedAt = c?.last_at ?? null
      awaitingReport = reads.awaitingCampaign(campaignId, cutoff)
      medianDeliveryMs = latency.campaign(campaignId)
    } else {
      awaitingReport = providerId
        ? reads.awaitingProvider(providerId, cutoff)
        : reads.awaitingAll(cutoff)
      medianDeliveryMs = latency.scope(scope)
    }
    const ignored: Record<string, number> = {}
    for (const r of reads.ignoredCounts(scope)) ignored[r.reason] = r.count
    return {
      lastReceivedAt,
      received,
      rejected,
      ignored,
      ignoredSamples: reads.ignoredSamples(scope),
      unmatched: reads.unmatched(scope),
      unattributedReplies: reads.unattributedReplies(scope),
      awaitingReport,
      reconciled: reconcile.reconciled(campaignId ? { campaignId } : { providerId }),
      medianDeliveryMs
    }
  }
}
