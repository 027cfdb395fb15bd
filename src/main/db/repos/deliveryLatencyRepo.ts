import type { Db } from '../openDb'

/** Buckets per doubling of the delivery-time histogram (view `stats_message_latency`, 0060). */
const PER_DOUBLING = 16

/**
 * The delivery time a bucket stands for: the geometric middle of [2^((b-1)/16), 2^(b/16)) ms, so
 * any time in the bucket is within ±2.2% of it; bucket 0 (≤ 1 ms, clock skew included) is 0 ms.
 */
export function bucketMs(bucket: number): number {
  return bucket <= 0 ? 0 : Math.round(2 ** ((bucket - 0.5) / PER_DOUBLING))
}

/** Median of a histogram (buckets in ascending order), as `bucketMs` of the middle element(s). */
export function histogramMedian(rows: { bucket: number; n: number }[]): number | null {
  const total = rows.reduce((sum, r) => sum + r.n, 0)
  if (total <= 0) return null
  const at = (rank: number): number => {
    let seen = 0
    for (const r of rows) if ((seen += r.n) > rank) return bucketMs(r.bucket)
    return bucketMs(rows[rows.length - 1]!.bucket)
  }
  const lower = at(Math.floor((total - 1) / 2))
  return total % 2 === 1 ? lower : (lower + at(total / 2)) / 2
}

/**
 * Median sent → delivered time from the histogram the stats triggers maintain: a few dozen
 * rows per campaign whatever its size (walking every delivered message took 163 ms at 1M).
 */
export function createDeliveryLatency(db: Db) {
  const ofCampaign = db.prepare<[string], { bucket: number; n: number }>(
    'SELECT bucket, n FROM delivery_latency WHERE campaign_id = ? AND n > 0 ORDER BY bucket'
  )
  const ofScope = db.prepare<[string, string], { bucket: number; n: number }>(
    `SELECT bucket, SUM(n) AS n FROM delivery_latency
     WHERE (? = '*' OR campaign_id IN (SELECT id FROM campaign WHERE provider_id = ?))
     GROUP BY bucket HAVING SUM(n) > 0 ORDER BY bucket`
  )
  return {
    campaign: (campaignId: string): number | null => histogramMedian(ofCampaign.all(campaignId)),
    /** Every campaign of a provider account, or of all accounts with `'*'`. */
    scope: (providerId: string): number | null =>
      histogramMedian(ofScope.all(providerId, providerId))
  }
}
export type DeliveryLatency = ReturnType<typeof createDeliveryLatency>
