import { z } from 'zod'
import { currencyCode } from '../../domain/currency'

export const audienceFilter = z.strictObject({
  property: z.string().min(1),
  op: z.enum(['eq', 'neq', 'contains', 'exists']),
  value: z.string().optional()
})
export const audience = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ filter: z.array(audienceFilter).min(1) })
])
export type Audience = z.infer<typeof audience>

/**
 * Each value is fixed text with `{{property}}` placeholders filled per contact (`{{name}}`,
 * `{{phone}}`, …); `{{property|fallback}}` uses the fallback for a contact whose property is blank.
 */
const templateValue = z.string().max(1024)
export const templateRef = z.strictObject({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  /** Body variables: in order (positional), or keyed by variable name (named templates). */
  params: z.union([
    z.array(templateValue).max(20),
    z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), templateValue)
  ]),
  /** The header's variable: its text, or the media URL of an image/video/document header. */
  header: z.string().max(2048).optional(),
  /** Dynamic buttons by button index: a URL suffix or a copy-code value. */
  buttons: z.record(z.string().regex(/^\d{1,2}$/), templateValue).optional()
})
export type TemplateRef = z.infer<typeof templateRef>

export const campaignDraft = z.strictObject({
  name: z.string().min(1).max(200),
  providerId: z.string().min(1),
  template: templateRef,
  audience,
  controlGroupPercent: z.number().min(0).max(90),
  conversion: z
    .strictObject({
      event: z.string().min(1),
      windowHours: z
        .number()
        .positive()
        .max(24 * 90),
      revenueProperty: z.string().min(1).optional(),
      /** ISO 4217 code of the revenue; Settings' default currency when the draft names none. */
      currency: currencyCode.optional()
    })
    .nullable()
    .optional(),
  limit: z.number().int().positive().nullable().optional(),
  ratePerSecond: z.number().positive().max(1000).optional(),
  scheduleAt: z
    .union([z.iso.datetime({ offset: true }), z.number().int()])
    .nullable()
    .optional()
})
export type CampaignDraft = z.infer<typeof campaignDraft>

export const campaignStatus = z.enum([
  'draft',
  'scheduled',
  /** Launched, its audience still being fixed in the background; sending has started. */
  'qualifying',
  'running',
  'paused',
  'completed',
  'cancelled'
])
export type CampaignStatus = z.infer<typeof campaignStatus>

export const campaignProgress = z.object({
  qualified: z.number().int(),
  processed: z.number().int(),
  sent: z.number().int().optional(),
  dispatchErrors: z.number().int().optional(),
  ratePerSecond: z.number().optional(),
  etaSeconds: z.number().nullable().optional(),
  /**
   * While qualifying: users fixed so far of the count the launch check found (`expected` is 0
   * while that check still counts; a failed check puts the campaign back to draft with the reason).
   */
  qualifying: z.object({ qualified: z.number().int(), expected: z.number().int() }).optional()
})

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  status: campaignStatus,
  pausedReason: z.string().optional(),
  providerId: z.string(),
  createdAt: z.number(),
  /** The draft's version: one more at every saved edit (`campaigns.update` takes it back). */
  version: z.number().int(),
  launchedAt: z.number().nullable().optional(),
  completedAt: z.number().nullable().optional(),
  draft: campaignDraft.optional(),
  progress: campaignProgress,
  /**
   * In `campaigns.list`: the campaign's outcome so far from the live counters (users, target
   * group): sent, delivered, read and converted (null without a conversion goal; new goal
   * events are folded in within about a second, as on the stats page). `counting`
   * while the engine rebuilds them (after a bulk load): the numbers are not shown then.
   */
  outcome: z
    .object({
      sent: z.number().int(),
      delivered: z.number().int(),
      viewed: z.number().int(),
      converted: z.number().int().nullable(),
      counting: z.boolean()
    })
    .optional(),
  /** Fixed at launch from the synced template: what it sent and its price category. */
  template: z
    .object({
      name: z.string(),
      language: z.string(),
      label: z.string().nullable(),
      category: z.enum(['marketing', 'utility', 'authentication']).nullable(),
      text: z.string()
    })
    .nullable()
    .optional()
})
export type CampaignView = z.infer<typeof campaignView>

const byId = z.strictObject({ id: z.string().min(1) })

/** The launch confirmation's facts about a draft, before anything is sent. */
export const launchPreview = z.object({
  id: z.string(),
  name: z.string(),
  qualified: z.number().int(),
  control: z.number().int(),
  target: z.number().int(),
  /** Messages the launch would send: the target group, cut to the campaign limit. */
  messages: z.number().int(),
  limit: z.number().int().nullable(),
  template: z.object({
    name: z.string(),
    language: z.string(),
    label: z.string().nullable(),
    /** From the synced list; null when the account's list is not known. */
    category: z.enum(['marketing', 'utility', 'authentication']).nullable(),
    status: z.string().nullable(),
    statusReason: z.string().nullable()
  }),
  /** The throttle the campaign sends at (its own, never above the account's). */
  ratePerSecond: z.number(),
  durationSeconds: z.number().int().nullable(),
  /** Estimated at the account's rate card; `amount` null with the `reason` when it cannot be. */
  cost: z
    .object({
      currency: z.string(),
      amount: z.number().nullable(),
      category: z.string(),
      reason: z.string().nullable(),
      rateCardImportedAt: z.number().nullable()
    })
    .nullable(),
  /** When the launch would start, if the draft's schedule is still ahead; null: at once. */
  scheduleAt: z.number().nullable(),
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
  overridable: z.array(z.string())
})
export type LaunchPreview = z.infer<typeof launchPreview>
const statusOut = z.object({ status: campaignStatus })

export const campaignRoutes = {
  'campaigns.create': {
    role: 'operator',
    changes: true,
    input: campaignDraft,
    output: z.object({ id: z.string() })
  },
  /**
   * `version`: the draft's version the edit started from (`campaigns.get`); when someone saved
   * it since, 409 conflict names who and when (details: their version, name and time).
   */
  'campaigns.update': {
    role: 'operator',
    changes: true,
    input: z.strictObject({
      id: z.string(),
      draft: campaignDraft,
      version: z.number().int().min(1)
    }),
    output: z.object({ id: z.string(), version: z.number().int() })
  },
  'campaigns.preview': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ draft: campaignDraft.partial() }),
    output: z.object({
      qualified: z.number().int(),
      /** Audience members left out because they stopped marketing messages (not in qualified). */
      excludedOptedOut: z.number().int(),
      control: z.number().int(),
      target: z.number().int(),
      sample: z
        .object({ phone: z.string(), name: z.string().nullable(), params: z.array(z.string()) })
        .nullable(),
      problems: z.array(z.string()),
      /** Shown in the review, never blocking (e.g. a Meta account not heard from lately). */
      warnings: z.array(z.string()).optional(),
      /** The problems that `overrideReadiness` on launch skips (reports cannot reach the app). */
      overridable: z.array(z.string()).optional()
    })
  },
  'campaigns.launch': {
    role: 'operator',
    changes: true,
    /** `overrideReadiness`: launch although reports cannot reach the app (recorded). */
    input: byId.extend({ overrideReadiness: z.boolean().optional() }),
    output: statusOut
  },
  /** What the launch confirmation shows (audience, template, cost, duration, readiness). */
  'campaigns.launchPreview': { role: 'viewer', changes: false, input: byId, output: launchPreview },
  'campaigns.pause': { role: 'operator', changes: true, input: byId, output: statusOut },
  'campaigns.resume': { role: 'operator', changes: true, input: byId, output: statusOut },
  'campaigns.cancel': { role: 'operator', changes: true, input: byId, output: statusOut },
  /** A new draft with this campaign's settings (any status), named "Copy of …", unscheduled. */
  'campaigns.duplicate': {
    role: 'operator',
    changes: true,
    input: byId,
    output: z.object({ id: z.string() })
  },
  /** Deletes a draft (never launched, or refused back to draft); other statuses are refused. */
  'campaigns.delete': {
    role: 'operator',
    changes: true,
    input: byId,
    output: z.object({ deleted: z.literal(true) })
  },
  'campaigns.get': { role: 'viewer', changes: false, input: byId, output: campaignView },
  /**
   * Recipients whose send's outcome is unknown (the answer was lost), in send order, with why and
   * whether the provider's records are still being checked (`checkingUntil` in the future).
   */
  'campaigns.unknownOutcomes': {
    role: 'viewer',
    changes: false,
    input: byId.extend({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional()
    }),
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          phone: z.string(),
          name: z.string().nullable(),
          reason: z.string(),
          providerMessage: z.string().nullable(),
          at: z.number().nullable(),
          /** Until when callbacks and lookups may still settle it; null: not checked any more. */
          checkingUntil: z.number().nullable()
        })
      )
    })
  },
  /**
   * The operator's explicit resend of sends whose outcome stayed unknown past the checking
   * deadline. They may already have arrived: `acceptDuplicateRisk: true` says the operator was
   * told so. Rows still being checked are left alone (`stillChecking`).
   */
  'campaigns.resendUnknown': {
    role: 'operator',
    changes: true,
    input: byId.extend({ acceptDuplicateRisk: z.literal(true) }),
    output: z.object({
      status: campaignStatus,
      requeued: z.number().int(),
      stillChecking: z.number().int()
    })
  },
  /**
   * Newest first. Without `limit`, every campaign (the Compare page's picker); the campaign list
   * asks one page at a time, filtered by a name search (any part, any case) and statuses.
   * `total` counts the campaigns the filter matches.
   */
  'campaigns.list': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      search: z.string().max(200).optional(),
      statuses: z.array(campaignStatus).max(8).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).optional()
    }),
    output: z.object({ campaigns: z.array(campaignView), total: z.number().int() })
  }
} as const
