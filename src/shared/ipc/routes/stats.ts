import { z } from 'zod'

const count = z.number().int()
const groupStats = z.object({ users: count, converted: count, rate: z.number() })

export const statsSummary = z.object({
  /**
   * The campaign's conversion goal; null without one: then converted, conversion and revenue are
   * not measured (their zeros are by construction) and every screen says "No goal" instead.
   */
  goal: z
    .object({
      event: z.string(),
      windowHours: z.number(),
      /** ISO 4217 code of the revenue (the campaign's, else Settings' default currency). */
      currency: z.string()
    })
    .nullable(),
  qualified: count,
  control: count,
  target: count,
  sent: count,
  delivered: count,
  viewed: count,
  replied: count,
  replies: count,
  /** Target users who reacted to this campaign's message (issue #10). */
  reacted: count,
  /** Target users who stopped marketing messages after this campaign's message (issue #10). */
  optedOut: count,
  converted: count,
  dispatchErrors: count,
  deliveryErrors: count,
  awaitingReport: count,
  outcomeUnknown: count,
  /**
   * URL-button clicks from the provider's own template analytics when the campaign is the only
   * sender of its template on its days; else (Marketing Messages API) the click webhooks given to
   * it; null when no source can say, with `clickedReason`.
   */
  clicked: count.nullable(),
  /** Why `clicked` is null: shared template-days, no source, analytics off or not supported. */
  clickedReason: z.string().nullable().optional(),
  /** The provider's clicks of the template on the days shared with other campaigns. */
  clickedShared: count.nullable().optional(),
  /** Landing pages opened from this campaign's links (same API); null when not sent through it. */
  landingPageViews: count.nullable(),
  conversion: z.object({
    target: groupStats,
    control: groupStats,
    lift: z.number(),
    ci95: z.tuple([z.number(), z.number()]),
    pValue: z.number(),
    verdict: z.enum(['positive', 'negative', 'inconclusive', 'not_enough_data'])
  }),
  revenue: z.object({
    target: z.number(),
    control: z.number(),
    arpuTarget: z.number(),
    arpuControl: z.number(),
    boostPercent: z.number().nullable(),
    incremental: z.number()
  })
})
export type StatsSummary = z.infer<typeof statsSummary>

export const errorKind = z.enum(['dispatch', 'delivery'])
export const granularity = z.enum(['day', 'week', 'month'])

export const trendBucket = z.object({
  /** Local date (YYYY-MM-DD) the bucket starts on: the day, the ISO week's Monday, the 1st. */
  start: z.string(),
  /** UTC epoch ms of the local midnight that starts the bucket. */
  startAt: z.number().optional(),
  sent: count,
  delivered: count,
  viewed: count,
  replied: count,
  converted: count
})

export const errorGroup = z.object({
  code: z.string(),
  title: z.string(),
  explanation: z.string(),
  nextStep: z.string().optional(),
  count,
  share: z.number()
})

const dayNumbers = z.object({
  sent: count.nullable(),
  delivered: count.nullable(),
  read: count.nullable(),
  clicked: count.nullable()
})

/** Ours beside the provider's own numbers, per template and day (spec §6, §8). */
export const reconciliation = z.object({
  /** Where the provider's numbers come from (`meta:template_analytics`, `twilio:message_lookup`, …); null: none. */
  source: z.string().nullable(),
  /** When the provider's numbers shown were fetched (the newest); null when never. */
  fetchedAt: z.number().nullable(),
  days: z.array(
    z.object({
      /** YYYY-MM-DD of the provider's daily bucket (Meta: UTC). */
      date: z.string(),
      templateId: z.string(),
      ours: dayNumbers,
      provider: dayNumbers,
      /** Other campaigns that sent the same template that day (the provider counts them together). */
      sharedWith: z.array(z.string()),
      /** Why this day's numbers differ, in words. */
      notes: z.array(z.string()).optional()
    })
  ),
  notes: z.array(z.string()),
  /** Per-message lookups (Twilio, Infobip): reports filled, and the last fetch. */
  lookups: z
    .object({
      reconciled: count,
      lastAt: z.number().nullable(),
      outcome: z.string().nullable()
    })
    .optional()
})
export type Reconciliation = z.infer<typeof reconciliation>

export const statsRoutes = {
  'stats.reconciliation': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string() }),
    output: reconciliation
  },
  'stats.summary': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string() }),
    output: statsSummary
  },
  'stats.trend': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string(), granularity, timezone: z.string().optional() }),
    output: z.object({
      buckets: z.array(trendBucket),
      timezone: z.string().optional(),
      granularity: granularity.optional()
    })
  },
  'stats.funnel': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      campaignId: z.string(),
      steps: z.array(z.enum(['sent', 'delivered', 'viewed', 'clicked', 'converted'])).optional()
    }),
    output: z.object({
      steps: z.array(
        z.object({
          name: z.string(),
          label: z.string().optional(),
          users: count,
          ofPrevious: z.number(),
          ofFirst: z.number()
        })
      )
    })
  },
  'stats.errors': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string(), kind: errorKind }),
    output: z.object({ groups: z.array(errorGroup) })
  },
  'stats.errorRecipients': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      campaignId: z.string(),
      kind: errorKind,
      code: z.string().optional(),
      search: z.string().max(200).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional()
    }),
    output: z.object({
      /** At least this many when `totalAtLeast` (a broad search stops counting, see drillDown.ts). */
      total: count,
      /** Present (true) only when `total` is a lower bound. */
      totalAtLeast: z.literal(true).optional(),
      rows: z.array(
        z.object({
          phone: z.string(),
          name: z.string().nullable(),
          code: z.string(),
          title: z.string(),
          at: z.number().nullable(),
          providerMessage: z.string().nullable().optional(),
          /** Delivery errors: the failure came from a callback, or from a lookup of the provider's record. */
          source: z.enum(['callback', 'lookup']).optional()
        })
      )
    })
  }
} as const
