import { z } from 'zod'

export const audienceFilter = z.object({
  property: z.string().min(1),
  op: z.enum(['eq', 'neq', 'contains', 'exists']),
  value: z.string().optional()
})
export const audience = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ filter: z.array(audienceFilter).min(1) })
])
export type Audience = z.infer<typeof audience>

export const campaignDraft = z.object({
  name: z.string().min(1).max(200),
  providerId: z.string().min(1),
  template: z.object({
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15),
    /** Fixed text with `{{property}}` placeholders filled per contact (`{{name}}`, `{{phone}}`, …). */
    params: z.array(z.string().max(1024)).max(20)
  }),
  audience,
  controlGroupPercent: z.number().min(0).max(90),
  conversion: z
    .object({
      event: z.string().min(1),
      windowHours: z
        .number()
        .positive()
        .max(24 * 90),
      revenueProperty: z.string().min(1).optional()
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
  etaSeconds: z.number().nullable().optional()
})

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  status: campaignStatus,
  pausedReason: z.string().optional(),
  providerId: z.string(),
  createdAt: z.number(),
  launchedAt: z.number().nullable().optional(),
  completedAt: z.number().nullable().optional(),
  draft: campaignDraft.optional(),
  progress: campaignProgress
})
export type CampaignView = z.infer<typeof campaignView>

const byId = z.object({ id: z.string().min(1) })
const statusOut = z.object({ status: campaignStatus })

export const campaignRoutes = {
  'campaigns.create': { input: campaignDraft, output: z.object({ id: z.string() }) },
  'campaigns.update': {
    input: z.object({ id: z.string(), draft: campaignDraft }),
    output: z.object({ id: z.string() })
  },
  'campaigns.preview': {
    input: z.object({ draft: campaignDraft.partial() }),
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
    /** `overrideReadiness`: launch although reports cannot reach the app (recorded). */
    input: byId.extend({ overrideReadiness: z.boolean().optional() }),
    output: statusOut
  },
  'campaigns.pause': { input: byId, output: statusOut },
  'campaigns.resume': { input: byId, output: statusOut },
  'campaigns.cancel': { input: byId, output: statusOut },
  'campaigns.get': { input: byId, output: campaignView },
  'campaigns.list': {
    input: z.object({}).strict(),
    output: z.object({ campaigns: z.array(campaignView) })
  }
} as const
