import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { StatsSummary } from '../../shared/ipc/routes/stats'
import type { CostOutput } from '../../shared/ipc/routes/pricing'
import { computeCost, ESTIMATE_DEFAULT_CATEGORY } from './cost'
import { normaliseCategory } from '../templates/category'
import type { CampaignCostRepo, PricingRepo } from '../db/repos/pricingRepo'
import type { Clock } from '../kernel/kernel'

/**
 * Reads what `stats.cost` needs: the campaign's tally (a few dozen rows, never the messages), the
 * account's currency and fee, the rate card in that currency, and the campaign's own summary (so
 * delivered, conversions and incremental revenue are exactly the stats page's).
 */
export function createCostService(
  repo: PricingRepo,
  campaigns: Pick<CampaignCostRepo, 'costRow' | 'tally'>,
  summary: (campaignId: string) => Promise<StatsSummary>,
  /** The engine's clock: a running campaign is costed at its now. */
  clock: Clock
) {
  /** `known`: the campaign's summary when the caller already has it (stats.compare). */
  return async function cost(campaignId: string, known?: StatsSummary): Promise<CostOutput> {
    const row = campaigns.costRow(campaignId)
    if (!row) throw new AppError(ErrorCode.notFound, `No campaign ${campaignId}`)
    const s = known ?? (await summary(campaignId))
    const account = repo.account(row.provider_id)
    const category = normaliseCategory(row.template_category)
    const card = repo.lastImport()
    const out = computeCost({
      tally: campaigns.tally(campaignId),
      rates: repo.ratesIn(account.currency),
      currency: account.currency,
      feePerMessage: account.feePerMessage,
      templateCategory: category,
      rateCardImportedAt: card?.imported_at ?? null,
      rateCardEffectiveFrom: card?.effective_from ?? null,
      campaignAt: row.completed_at ?? clock.now(),
      delivered: s.delivered,
      sent: s.sent,
      targetConverted: s.converted,
      targetRate: s.conversion.target.rate,
      controlRate: s.conversion.control.rate,
      controlUsers: s.conversion.control.users,
      incrementalRevenue: s.revenue.incremental,
      revenueCurrency: s.goal?.currency ?? null
    })
    if (out.estimated)
      out.reasons.estimated =
        category === null
          ? `The provider reports no prices: estimated from delivered messages at ${ESTIMATE_DEFAULT_CATEGORY} rates (the template's category is unknown)`
          : `The provider reports no prices: estimated from delivered messages at ${category} rates`
    if (!s.goal) withoutGoal(out)
    return out
  }
}

const NO_GOAL = 'No conversion goal: this campaign counts no conversions or revenue'

/** A campaign without a goal measured no conversions: what is computed from them is not a number. */
function withoutGoal(out: CostOutput): void {
  for (const key of [
    'costPerConversion',
    'incrementalConversions',
    'costPerIncrementalConversion',
    'roi'
  ] as const) {
    out[key] = null
    out.reasons[key] = NO_GOAL
  }
}
