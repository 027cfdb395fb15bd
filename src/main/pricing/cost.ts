import { roiCurrencyMismatch } from '../../shared/domain/currency'
import type { CostOutput } from '../../shared/ipc/routes/pricing'
import type { CostTallyRow } from '../db/repos/pricingRepo'
import { countryOfDigits, marketKey, OTHER_MARKET, type CountryMarket } from './markets'
import type { RateField, RateRow } from './rateCard'

export interface CostInputs {
  tally: CostTallyRow[]
  /** Rate card rows in the account's currency (empty when none is loaded). */
  rates: RateRow[]
  currency: string
  feePerMessage: number
  /** Template category for estimates; null = unknown (then 'marketing', said so). */
  templateCategory: string | null
  rateCardImportedAt: number | null
  rateCardEffectiveFrom: string | null
  /** The campaign's time (its end, or now while it runs): which market changes apply to it. */
  campaignAt: number
  delivered: number
  sent: number
  targetConverted: number
  targetRate: number
  controlRate: number
  controlUsers: number
  incrementalRevenue: number
  /** The revenue's currency (the goal's); null without a goal. */
  revenueCurrency: string | null
}

const FIELD_OF: Record<string, RateField> = {
  marketing: 'marketing',
  marketing_lite: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  authentication_international: 'authenticationInternational',
  service: 'service'
}

export const ESTIMATE_DEFAULT_CATEGORY = 'marketing'

interface Resolved {
  market: string
  row: RateRow | null
  /** Set when the country is its own market by the campaign's time but is priced at another row. */
  split: CountryMarket | null
}

/**
 * Resolves a 4-digit prefix to its rate card row: the country's own row, its market's, else
 * Other. A country that has become a market of its own by `at` and is priced at another row is
 * marked, so the cost says which recipients the card prices at their old group.
 */
function rateResolver(rates: RateRow[], at: string) {
  const byMarket = new Map(rates.map((r) => [marketKey(r.market), r]))
  const cache = new Map<string, Resolved>()
  return (prefix: string): Resolved => {
    let hit = cache.get(prefix)
    if (!hit) {
      const country = countryOfDigits(prefix)
      const names = country ? [country.country, country.market, OTHER_MARKET] : [OTHER_MARKET]
      const name = names.find((n) => byMarket.has(marketKey(n)))
      const own = country?.ownMarketFrom != null && country.ownMarketFrom <= at
      hit = {
        market: name ?? country?.market ?? OTHER_MARKET,
        row: name ? byMarket.get(marketKey(name))! : null,
        split: own && name !== country!.country ? country : null
      }
      cache.set(prefix, hit)
    }
    return hit
  }
}

/** One line per country the card prices at its old group although it is its own market by then. */
function marketWarnings(
  split: Map<CountryMarket, { market: string; messages: number }>,
  cardDate: string | null
): string[] {
  return [...split].map(([country, { market, messages }]) => {
    const card =
      cardDate !== null && cardDate < country.ownMarketFrom!
        ? `The rate card (effective ${cardDate}) predates ${country.country}'s own market (from ${country.ownMarketFrom})`
        : `${country.country} is a market of its own from ${country.ownMarketFrom}, and the rate card has no ${country.country} row`
    return `${card}: ${messages.toLocaleString('en')} messages to ${country.country} are priced at ${market} rates. Import a newer rate card (Pricing page).`
  })
}

const div = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b

/**
 * `stats.cost` from the campaign's tally (spec §6): cost = Σ billable × rate(market, category) +
 * the account fee × priced messages. Reported pricing wins; a campaign with none is estimated from
 * its delivered messages at the template's category. Every ratio is null (with a reason) where its
 * denominator is 0 or undefined.
 */
export function computeCost(input: CostInputs): CostOutput {
  const reported = input.tally.some((t) => t.kind !== 'delivered' && t.n > 0)
  const estimateCategory = reported ? null : (input.templateCategory ?? ESTIMATE_DEFAULT_CATEGORY)
  const rows: { prefix: string; category: string; billable: number; free: number }[] = reported
    ? input.tally
        .filter((t) => t.kind !== 'delivered' && t.n > 0)
        .map((t) => ({
          prefix: t.prefix,
          category: t.category,
          billable: t.kind === 'billable' ? t.n : 0,
          free: t.kind === 'free' ? t.n : 0
        }))
    : input.tally
        .filter((t) => t.kind === 'delivered' && t.n > 0)
        .map((t) => ({ prefix: t.prefix, category: estimateCategory!, billable: t.n, free: 0 }))

  const resolve = rateResolver(input.rates, new Date(input.campaignAt).toISOString().slice(0, 10))
  const split = new Map<CountryMarket, { market: string; messages: number }>()
  const reasons: Record<string, string> = {}
  const byCategory: CostOutput['byCategory'] = {}
  const markets = new Map<string, { billable: number; free: number; cost: number | null }>()
  const unpricedMarkets = new Set<string>()
  let billable = 0
  let free = 0
  let unpriced = 0
  let priced = 0
  for (const r of rows) {
    const { market, row, split: country } = resolve(r.prefix)
    const field = FIELD_OF[r.category]
    const rate = row && field ? row[field] : null
    const messages = r.billable + r.free
    const part =
      r.billable > 0 && rate === null
        ? null
        : r.billable * (rate ?? 0) + messages * input.feePerMessage
    if (part === null) {
      unpriced += r.billable
      unpricedMarkets.add(`${market} (${r.category})`)
    } else priced += part
    if (country) {
      const s = split.get(country) ?? { market, messages: 0 }
      s.messages += messages
      split.set(country, s)
    }
    billable += r.billable
    free += r.free
    const cat = (byCategory[r.category] ??= { messages: 0, cost: 0 })
    cat.messages += messages
    cat.cost = part === null || cat.cost === null ? null : cat.cost + part
    const m = markets.get(market) ?? { billable: 0, free: 0, cost: 0 }
    m.billable += r.billable
    m.free += r.free
    m.cost = part === null || m.cost === null ? null : m.cost + part
    markets.set(market, m)
  }

  let cost: number | null = priced
  if (unpriced > 0) {
    cost = null
    reasons.cost =
      input.rates.length === 0
        ? `No rate card in ${input.currency} is loaded (Pricing page)`
        : `No ${input.currency} rate for ${unpriced.toLocaleString('en')} billable messages: ${[...unpricedMarkets].slice(0, 5).join(', ')}`
  }
  const noControl = input.controlUsers === 0
  const incrementalConversions =
    noControl || input.sent === 0 ? null : (input.targetRate - input.controlRate) * input.sent
  if (incrementalConversions === null)
    reasons.incrementalConversions = noControl ? 'No control group' : 'Nothing sent yet'

  const costPerDelivered = div(cost, input.delivered)
  if (costPerDelivered === null)
    reasons.costPerDelivered = cost === null ? reasons.cost! : 'Nothing delivered'
  const costPerConversion = div(cost, input.targetConverted)
  if (costPerConversion === null)
    reasons.costPerConversion = cost === null ? reasons.cost! : 'No conversions'
  const costPerIncrementalConversion =
    incrementalConversions !== null && incrementalConversions > 0
      ? div(cost, incrementalConversions)
      : null
  if (costPerIncrementalConversion === null)
    reasons.costPerIncrementalConversion =
      incrementalConversions === null
        ? reasons.incrementalConversions!
        : incrementalConversions <= 0
          ? 'No lift: the target group converted no more than the control group'
          : reasons.cost!
  // A ratio of two currencies would be a wrong number: no ROI unless revenue and cost share one.
  const mismatch =
    input.revenueCurrency === null
      ? null
      : roiCurrencyMismatch(input.revenueCurrency, input.currency)
  const roi = noControl || mismatch ? null : div(input.incrementalRevenue, cost)
  if (roi === null)
    reasons.roi = mismatch
      ? mismatch
      : noControl
        ? 'No control group, so no incremental revenue'
        : cost === null
          ? reasons.cost!
          : 'No cost'

  return {
    currency: input.currency,
    billable,
    free,
    byCategory,
    cost,
    costPerDelivered,
    costPerConversion,
    incrementalConversions,
    costPerIncrementalConversion,
    incrementalRevenue: input.incrementalRevenue,
    revenueCurrency: input.revenueCurrency,
    roi,
    estimated: !reported,
    estimateCategory,
    feePerMessage: input.feePerMessage,
    unpriced,
    rateCardImportedAt: input.rateCardImportedAt,
    rateCardEffectiveFrom: input.rateCardEffectiveFrom,
    marketWarnings: marketWarnings(split, input.rateCardEffectiveFrom),
    reasons,
    markets: [...markets]
      .map(([market, m]) => ({ market, ...m }))
      .sort(
        (a, b) => b.billable + b.free - (a.billable + a.free) || a.market.localeCompare(b.market)
      )
  }
}
