import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { EngineContext } from '../engine/context'
import { compareRow } from '../pricing/compare'
import { createCostService } from '../pricing/costService'
import { MARKET_TABLE_SOURCE } from '../pricing/markets'
import { createMarketingStatsReader } from '../pricing/marketingSends'
import { createPricingRepo } from '../pricing/pricingRepo'
import { parseRateCard } from '../pricing/rateCard'
import type { DomainHandlers } from './types'

type Routes =
  | 'pricing.importRateCard'
  | 'pricing.rates'
  | 'pricing.account'
  | 'pricing.setAccount'
  | 'stats.cost'
  | 'stats.marketing'
  | 'stats.compare'

export function pricingHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  const repo = createPricingRepo(ctx.db)
  const marketing = createMarketingStatsReader(ctx.db)
  const summary = (campaignId: string) => ctx.call('stats.summary', { campaignId })
  const cost = createCostService(ctx.db, repo, summary)
  const nameOf = ctx.db.prepare<[string], string>('SELECT name FROM campaign WHERE id = ?')
  nameOf.pluck()

  return {
    'pricing.importRateCard': ({ csv }) => {
      const parsed = parseRateCard(csv)
      if (parsed.rejected.length) return { markets: 0, rows: 0, rejected: parsed.rejected }
      const markets = repo.replaceCard(parsed.rows, Date.now())
      return { markets, rows: parsed.rows.length, rejected: [] }
    },
    'pricing.rates': () => {
      const last = repo.lastImport()
      return {
        importedAt: last?.imported_at ?? null,
        markets: last?.markets ?? 0,
        rows: repo.rates(),
        marketTable: { ...MARKET_TABLE_SOURCE }
      }
    },
    'pricing.account': ({ providerId }) => repo.account(providerId),
    'pricing.setAccount': (input) => repo.setAccount(input),
    'stats.cost': ({ campaignId }) => cost(campaignId),
    'stats.marketing': ({ campaignId }) => {
      if (nameOf.get(campaignId) === undefined)
        throw new AppError(ErrorCode.notFound, `No campaign ${campaignId}`)
      return marketing.read(campaignId)
    },
    'stats.compare': async ({ campaignIds }) => {
      const rows = []
      for (const id of new Set(campaignIds)) {
        const name = nameOf.get(id)
        if (name === undefined) throw new AppError(ErrorCode.notFound, `No campaign ${id}`)
        const s = await summary(id)
        const c = await cost(id, s)
        rows.push(compareRow({ id, name }, s, c, marketing.counts(id).clicked))
      }
      return { rows }
    }
  }
}
