import { computeCost } from './cost'
import type { PricingRepo } from '../db/repos/pricingRepo'
import { normaliseCategory } from '../templates/category'

export interface SendEstimate {
  currency: string
  /** Null when no rate card in the account's currency prices every market of the audience. */
  amount: number | null
  /** The category the estimate prices at (the template's, else marketing). */
  category: string
  reason: string | null
  rateCardImportedAt: number | null
}

/**
 * What sending `messages` of an audience would cost on an account, before launch: the audience's
 * markets (by phone prefix) in proportion, at the template's category rate, plus the account's
 * fee, through `stats.cost`'s own computation (every message assumed billed, as its estimates do).
 */
export function estimateSendCost(
  repo: PricingRepo,
  input: {
    providerId: string
    byPrefix: Map<string, number>
    /** Messages to send ÷ qualified contacts (the target share, cut by the limit). */
    share: number
    templateCategory: string | null
  },
  /** The engine's now: the send's time. */
  now: number
): SendEstimate {
  const account = repo.account(input.providerId)
  const card = repo.lastImport()
  const out = computeCost({
    tally: [...input.byPrefix].map(([prefix, n]) => ({
      prefix,
      category: 'estimate',
      kind: 'delivered' as const,
      n: n * input.share
    })),
    rates: repo.ratesIn(account.currency),
    currency: account.currency,
    feePerMessage: account.feePerMessage,
    templateCategory: normaliseCategory(input.templateCategory),
    rateCardImportedAt: card?.imported_at ?? null,
    rateCardEffectiveFrom: card?.effective_from ?? null,
    // Sent from now: the market changes in force today apply.
    campaignAt: now,
    delivered: 0,
    sent: 0,
    targetConverted: 0,
    targetRate: 0,
    controlRate: 0,
    controlUsers: 0,
    incrementalRevenue: 0,
    revenueCurrency: null
  })
  return {
    currency: account.currency,
    amount: out.cost,
    category: out.estimateCategory!,
    reason: out.reasons.cost ?? null,
    rateCardImportedAt: out.rateCardImportedAt
  }
}
