import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { AccountPricing } from '../../shared/ipc/routes/pricing'
import type { Db } from '../db/openDb'
import type { RateRow } from './rateCard'

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

export const DEFAULT_CURRENCY = 'USD'
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
    setAccount(input: AccountPricing, now = Date.now()): AccountPricing {
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
