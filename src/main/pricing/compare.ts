import { share } from '../../shared/domain/statsView'
import type { CompareRow, CostOutput } from '../../shared/ipc/routes/pricing'
import type { StatsSummary } from '../../shared/ipc/routes/stats'

/**
 * One `stats.compare` row from the campaign's own `stats.summary` and `stats.cost`, with the stats
 * page's definitions: every rate is a share of sent (null when nothing was sent).
 */
export function compareRow(
  campaign: { id: string; name: string },
  s: StatsSummary,
  cost: CostOutput,
  clicked: number | null
): CompareRow {
  return {
    campaignId: campaign.id,
    name: campaign.name,
    goal: s.goal?.event ?? null,
    qualified: s.qualified,
    sent: s.sent,
    deliveredRate: share(s.delivered, s.sent),
    viewedRate: share(s.viewed, s.sent),
    repliedRate: share(s.replied, s.sent),
    clickedRate: clicked === null ? null : share(clicked, s.sent),
    lift: s.conversion.lift,
    ci95: s.conversion.ci95,
    verdict: s.conversion.verdict,
    incrementalRevenue: s.revenue.incremental,
    revenueCurrency: cost.revenueCurrency,
    cost: cost.cost,
    currency: cost.currency,
    estimated: cost.estimated,
    costPerIncrementalConversion: cost.costPerIncrementalConversion,
    roi: cost.roi
  }
}
