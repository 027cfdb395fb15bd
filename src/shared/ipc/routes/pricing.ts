import { z } from 'zod'

const count = z.number().int()
const money = z.number()
const rate = z.number().nullable()

export const rateRow = z.object({
  market: z.string(),
  currency: z.string(),
  marketing: rate,
  utility: rate,
  authentication: rate,
  authenticationInternational: rate,
  service: rate
})

export const accountPricing = z.strictObject({
  providerId: z.string(),
  /** ISO 4217 code the account's cost is shown in (a rate card row in that currency is used). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'A 3-letter currency code such as USD or INR'),
  /** A BSP's own fee per priced (billable or free) message, in `currency`. */
  feePerMessage: z.number().min(0).max(100),
  /** Meta accounts: send marketing templates through the Marketing Messages API. */
  marketingMessagesApi: z.boolean()
})
export type AccountPricing = z.infer<typeof accountPricing>

export const costOutput = z.object({
  currency: z.string().nullable(),
  billable: count,
  free: count,
  byCategory: z.record(z.string(), z.object({ messages: count, cost: money.nullable() })),
  cost: money.nullable(),
  costPerDelivered: money.nullable(),
  costPerConversion: money.nullable(),
  incrementalConversions: z.number().nullable(),
  costPerIncrementalConversion: money.nullable(),
  incrementalRevenue: money,
  /** The revenue's currency (the goal's; null without a goal); ROI is null when it is not `currency`. */
  revenueCurrency: z.string().nullable(),
  roi: z.number().nullable(),
  estimated: z.boolean(),
  /** Category the estimate assumes, and whether it came from the template or the default. */
  estimateCategory: z.string().nullable(),
  feePerMessage: money,
  /** Billable messages to markets the loaded rate card has no price for (left out of `cost`). */
  unpriced: count,
  rateCardImportedAt: z.number().nullable(),
  /** The loaded card's own date (YYYY-MM-DD), null when it does not say. */
  rateCardEffectiveFrom: z.string().nullable(),
  /**
   * Recipients priced at their group's rates although their country is a market of its own by
   * the campaign's time (the card predates the change or has no row for it), one line each.
   */
  marketWarnings: z.array(z.string()),
  /** Why a null field is null, by field name. */
  reasons: z.record(z.string(), z.string()),
  markets: z.array(
    z.object({ market: z.string(), billable: count, free: count, cost: money.nullable() })
  )
})
export type CostOutput = z.infer<typeof costOutput>

export const compareRow = z.object({
  campaignId: z.string(),
  name: z.string(),
  /** The goal event; null: no goal, so lift, verdict, revenue and ROI measure nothing. */
  goal: z.string().nullable(),
  qualified: count,
  sent: count,
  deliveredRate: z.number().nullable(),
  viewedRate: z.number().nullable(),
  repliedRate: z.number().nullable(),
  clickedRate: z.number().nullable(),
  lift: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  verdict: z.enum(['positive', 'negative', 'inconclusive', 'not_enough_data']),
  incrementalRevenue: money,
  revenueCurrency: z.string().nullable(),
  cost: money.nullable(),
  currency: z.string().nullable(),
  estimated: z.boolean(),
  costPerIncrementalConversion: money.nullable(),
  roi: z.number().nullable()
})
export type CompareRow = z.infer<typeof compareRow>

export const pricingRoutes = {
  'pricing.importRateCard': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ csv: z.string().max(2 * 1024 * 1024) }),
    output: z.object({
      markets: count,
      rows: count,
      rejected: z.array(z.object({ line: count, reason: z.string() }))
    })
  },
  'pricing.rates': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({
      importedAt: z.number().nullable(),
      /** The date the card says it is effective from (YYYY-MM-DD); null = the card does not say. */
      effectiveFrom: z.string().nullable(),
      markets: count,
      rows: z.array(rateRow),
      marketTable: z.object({
        source: z.string(),
        date: z.string(),
        /** Countries that became a market of their own, and from when (YYYY-MM-DD). */
        changes: z.array(z.object({ country: z.string(), group: z.string(), from: z.string() }))
      })
    })
  },
  'pricing.account': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ providerId: z.string() }),
    output: accountPricing
  },
  'pricing.setAccount': {
    role: 'admin',
    changes: true,
    input: accountPricing,
    output: accountPricing
  },
  'stats.marketing': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string() }),
    output: z.object({
      clicked: count.nullable(),
      landingPageViews: count.nullable(),
      /** Marketing Messages API sends by the response's `message_status`; empty when none. */
      sendStatus: z.record(z.string(), count)
    })
  },
  'stats.cost': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string() }),
    output: costOutput
  },
  'stats.compare': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignIds: z.array(z.string()).min(1).max(20) }),
    output: z.object({ rows: z.array(compareRow) })
  }
} as const
