import { FALLBACK_CURRENCY } from '../../../shared/domain/currency'
import type { CountedAs } from '../../../shared/domain/reportedPricing'
import { AppError, ErrorCode } from '../../../shared/ipc/errors'
import type { AccountPricing } from '../../../shared/ipc/routes/pricing'
import type { Db } from '../openDb'

/** One market's rates in one currency (per message, by category), as a rate card lists them. */
export interface RateRow {
  market: string
  currency: string
  marketing: number | null
  utility: number | null
  authentication: number | null
  authenticationInternational: number | null
  service: number | null
}

interface RateDbRow {
  market: string
  currency: string
  marketing: number | null
  utility: number | null
  authentication: number | null
  authentication_international: number | null
  service: number | null
}

const toRow = (r: RateDbRow): RateRow => ({
  market: r.market,
  currency: r.currency,
  marketing: r.marketing,
  utility: r.utility,
  authentication: r.authentication,
  authenticationInternational: r.authentication_international,
  service: r.service
})

/** An account's cost currency until the Pricing page sets one. */
export const DEFAULT_CURRENCY = FALLBACK_CURRENCY
/** Meta's option; the Sandbox simulates Meta, so it has it too. */
const MARKETING_API_TYPES = new Set(['meta', 'sandbox'])

/** The only writer of `rate_card`, `rate_card_import` and `provider_pricing`. */
export function createPricingRepo(db: Db) {
  const clear = db.prepare('DELETE FROM rate_card')
  const insert = db.prepare(
    `INSERT INTO rate_card (market, currency, marketing, utility, authentication, authentication_international, service)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )
  const logImport = db.prepare(
    'INSERT INTO rate_card_import (imported_at, markets, rows, effective_from) VALUES (?, ?, ?, ?)'
  )
  const lastImport = db.prepare<
    [],
    { imported_at: number; markets: number; effective_from: string | null }
  >('SELECT imported_at, markets, effective_from FROM rate_card_import ORDER BY id DESC LIMIT 1')
  const allRates = db.prepare<[], RateDbRow>('SELECT * FROM rate_card ORDER BY market, currency')
  const ratesIn = db.prepare<[string], RateDbRow>('SELECT * FROM rate_card WHERE currency = ?')
  const providerExists = db.prepare<[string], string>('SELECT type FROM provider WHERE id = ?')
  providerExists.pluck()
  const accountRow = db.prepare<
    [string],
    { currency: string; fee_per_message: number; marketing_messages_api: number }
  >(
    'SELECT currency, fee_per_message, marketing_messages_api FROM provider_pricing WHERE provider_id = ?'
  )
  const upsertAccount = db.prepare(
    `INSERT INTO provider_pricing (provider_id, currency, fee_per_message, marketing_messages_api, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (provider_id) DO UPDATE SET currency = excluded.currency,
       fee_per_message = excluded.fee_per_message,
       marketing_messages_api = excluded.marketing_messages_api, updated_at = excluded.updated_at`
  )

  /** Replaces the whole card in one transaction: a card is never half loaded. */
  const replaceCard = db.transaction(
    (rows: RateRow[], now: number, effectiveFrom: string | null) => {
      clear.run()
      for (const r of rows)
        insert.run(
          r.market,
          r.currency,
          r.marketing,
          r.utility,
          r.authentication,
          r.authenticationInternational,
          r.service
        )
      const markets = new Set(rows.map((r) => r.market)).size
      logImport.run(now, markets, rows.length, effectiveFrom)
      return markets
    }
  )

  function account(providerId: string): AccountPricing {
    const type = providerExists.get(providerId)
    if (type === undefined) throw new AppError(ErrorCode.notFound, `No provider ${providerId}`)
    const row = accountRow.get(providerId)
    return {
      providerId,
      currency: row?.currency ?? DEFAULT_CURRENCY,
      feePerMessage: row?.fee_per_message ?? 0,
      marketingMessagesApi: MARKETING_API_TYPES.has(type) && row?.marketing_messages_api === 1
    }
  }

  return {
    replaceCard: (rows: RateRow[], now: number, effectiveFrom: string | null = null): number =>
      replaceCard(rows, now, effectiveFrom),
    rates: (): RateRow[] => allRates.all().map(toRow),
    ratesIn: (currency: string): RateRow[] => ratesIn.all(currency).map(toRow),
    lastImport: () => lastImport.get() ?? null,
    account,
    setAccount(input: AccountPricing, now: number): AccountPricing {
      const type = providerExists.get(input.providerId)
      if (type === undefined)
        throw new AppError(ErrorCode.notFound, `No provider ${input.providerId}`)
      if (input.marketingMessagesApi && !MARKETING_API_TYPES.has(type))
        throw new AppError(
          ErrorCode.invalidInput,
          'The Marketing Messages API is a Meta Cloud API option; this account is ' + type
        )
      upsertAccount.run(
        input.providerId,
        input.currency,
        input.feePerMessage,
        input.marketingMessagesApi ? 1 : 0,
        now
      )
      return account(input.providerId)
    }
  }
}
export type PricingRepo = ReturnType<typeof createPricingRepo>

/** What a campaign's cost is computed from (`template_category` fixed at launch, NULL if unknown). */
export interface CampaignCostRow {
  provider_id: string
  template_category: string | null
  completed_at: number | null
}

/** One tally row: sends per market prefix, pricing category and kind (campaign's `cost_tally`). */
export interface CostTallyRow {
  prefix: string
  category: string
  /** Reported pricing counted as billable or free, or a delivered message (for estimates). */
  kind: CountedAs | 'delivered'
  n: number
}

export type CampaignCostRepo = ReturnType<typeof createCampaignCostRepo>

/** What pricing reads of campaigns: name, cost facts, tally and the Marketing Messages route. */
export function createCampaignCostRepo(db: Db) {
  const name = db.prepare<[string], string>('SELECT name FROM campaign WHERE id = ?').pluck()
  const costRow = db.prepare<[string], CampaignCostRow>(
    'SELECT provider_id, template_category, completed_at FROM campaign WHERE id = ?'
  )
  const tally = db.prepare<[string], CostTallyRow>(
    'SELECT prefix, category, kind, n FROM cost_tally WHERE campaign_id = ? AND n <> 0'
  )
  const marketingApi = db
    .prepare<[string], number>(
      `SELECT pp.marketing_messages_api AS "on" FROM campaign c
         JOIN provider p ON p.id = c.provider_id
         JOIN provider_pricing pp ON pp.provider_id = c.provider_id
       WHERE c.id = ? AND p.type IN ('meta', 'sandbox') AND lower(c.template_category) = 'marketing'`
    )
    .pluck()
  return {
    name: (campaignId: string): string | undefined => name.get(campaignId),
    costRow: (campaignId: string): CampaignCostRow | undefined => costRow.get(campaignId),
    tally: (campaignId: string): CostTallyRow[] => tally.all(campaignId),
    /**
     * Whether a campaign's messages go through Meta's Marketing Messages API: the Meta account
     * (or the Sandbox, which simulates it) has the option on and the campaign's template is a
     * marketing one (`campaign.template_category`, set at launch). Utility and authentication
     * templates, and unknown categories, stay on `/messages`: the API accepts marketing only.
     */
    usesMarketingMessagesApi: (campaignId: string): boolean => marketingApi.get(campaignId) === 1
  }
}
