import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { AccountPricing } from '../../shared/ipc/routes/pricing'
import type { StatsSummary } from '../../shared/ipc/routes/stats'
import { compareRow } from './compare'
import { createCostService } from './costService'
import { MARKET_CHANGES, MARKET_TABLE_SOURCE } from './markets'
import type { MarketingStatsReader } from '../db/repos/marketingSendRepo'
import { estimateSendCost } from './launchEstimate'
import type { CampaignCostRepo, PricingRepo } from '../db/repos/pricingRepo'
import { parseRateCard } from './rateCard'
import type { Clock } from '../kernel/kernel'

/**
 * Rate cards, per-account pricing, the cost of a campaign, Marketing Messages stats and the
 * comparison of campaigns. `summary` is the stats service's, so cost and comparison show the
 * stats page's own numbers.
 */
export function createPricingService(
  stores: { pricing: PricingRepo; campaigns: CampaignCostRepo; marketing: MarketingStatsReader },
  summary: (campaignId: string) => Promise<StatsSummary>,
  /** The engine's clock: when a card was imported, an account priced, a campaign is costed at. */
  clock: Clock
) {
  const { pricing: repo, marketing } = stores
  const cost = createCostService(repo, stores.campaigns, summary, clock)

  function mustName(campaignId: string): string {
    const name = stores.campaigns.name(campaignId)
    if (name === undefined) throw new AppError(ErrorCode.notFound, `No campaign ${campaignId}`)
    return name
  }

  return {
    importRateCard(csv: string) {
      const parsed = parseRateCard(csv)
      if (parsed.rejected.length) return { markets: 0, rows: 0, rejected: parsed.rejected }
      const markets = repo.replaceCard(parsed.rows, clock.now(), parsed.effectiveFrom)
      return { markets, rows: parsed.rows.length, rejected: [] }
    },
    rates() {
      const last = repo.lastImport()
      return {
        importedAt: last?.imported_at ?? null,
        effectiveFrom: last?.effective_from ?? null,
        markets: last?.markets ?? 0,
        rows: repo.rates(),
        marketTable: { ...MARKET_TABLE_SOURCE, changes: [...MARKET_CHANGES] }
      }
    },
    account: (providerId: string) => repo.account(providerId),
    setAccount: (input: AccountPricing) => repo.setAccount(input, clock.now()),
    cost: (campaignId: string) => cost(campaignId),
    /** A draft's send cost before launch (the launch confirmation). */
    estimate: (input: Parameters<typeof estimateSendCost>[1]) =>
      estimateSendCost(repo, input, clock.now()),
    marketing(campaignId: string) {
      mustName(campaignId)
      return marketing.read(campaignId)
    },
    async compare(campaignIds: string[]) {
      const rows = []
      for (const id of new Set(campaignIds)) {
        const name = mustName(id)
        const s = await summary(id)
        const c = await cost(id, s)
        rows.push(compareRow({ id, name }, s, c, s.clicked))
      }
      return { rows }
    }
  }
}
export type PricingService = ReturnType<typeof createPricingService>
