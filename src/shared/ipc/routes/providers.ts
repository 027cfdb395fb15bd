import { z } from 'zod'

const baseUrl = z.url({ protocol: /^https?$/ }).optional()
const ratePerSecond = z.number().positive().max(1000).optional()

/** Meta's own fields, which a 360dialog channel does not have (its API key names the number). */
const META_ONLY = ['phoneNumberId', 'appSecret', 'verifyToken'] as const

export const metaConfig = z
  .strictObject({
    /** Meta: required. 360dialog: none (https://docs.360dialog.com/docs/hub/api-key). */
    phoneNumberId: z.string().min(1).optional(),
    /** The WhatsApp Business Account id: its template list (`/{waba-id}/message_templates`). */
    wabaId: z.string().min(1).optional(),
    /** Meta's access token, or 360dialog's API key (sent as `D360-API-KEY`). */
    accessToken: z.string().min(1),
    appSecret: z.string().min(1).optional(),
    verifyToken: z.string().min(1).optional(),
    baseUrl,
    apiVersion: z
      .string()
      .regex(/^v\d+\.\d+$/)
      .optional(),
    /** 360dialog uses the Meta format with a `D360-API-KEY` header instead of a bearer token. */
    authScheme: z.enum(['bearer', 'd360']).optional(),
    ratePerSecond
  })
  .superRefine((c, ctx) => {
    if (c.authScheme === 'd360') return
    for (const field of META_ONLY)
      if (!c[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'Required' })
  })
export const twilioConfig = z.strictObject({
  accountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'Account SID looks like AC followed by 32 hex digits'),
  authToken: z.string().min(1),
  from: z.string().min(1),
  baseUrl,
  ratePerSecond
})
export const gupshupConfig = z.strictObject({
  apiKey: z.string().min(1),
  source: z.string().min(1),
  appName: z.string().min(1),
  /** Optional: with them Tickboard sets the app's callback URL through the Partner API and syncs
   * the template list (`/wa/app/{appId}/template`). */
  appId: z.string().min(1).optional(),
  partnerToken: z.string().min(1).optional(),
  baseUrl,
  ratePerSecond
})
export const infobipConfig = z.strictObject({
  apiKey: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  from: z.string().min(1),
  ratePerSecond
})
const rate = z.number().min(0).max(1)
export const sandboxConfig = z.strictObject({
  deliveredRate: rate.optional(),
  readRate: rate.optional(),
  replyRate: rate.optional(),
  failedRate: rate.optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  ratePerSecond
})

/** Each type's config, for checking an update's changed fields against the account's type. */
export const configSchemas = {
  meta: metaConfig,
  twilio: twilioConfig,
  gupshup: gupshupConfig,
  infobip: infobipConfig,
  sandbox: sandboxConfig
} as const

export const providerType = z.enum(['meta', 'twilio', 'gupshup', 'infobip', 'sandbox'])
export type ProviderType = z.infer<typeof providerType>

export const providerInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('meta'), name: z.string().min(1).max(100), config: metaConfig }),
  z.strictObject({
    type: z.literal('twilio'),
    name: z.string().min(1).max(100),
    config: twilioConfig
  }),
  z.strictObject({
    type: z.literal('gupshup'),
    name: z.string().min(1).max(100),
    config: gupshupConfig
  }),
  z.strictObject({
    type: z.literal('infobip'),
    name: z.string().min(1).max(100),
    config: infobipConfig
  }),
  z.strictObject({
    type: z.literal('sandbox'),
    name: z.string().min(1).max(100),
    config: sandboxConfig
  })
])
export type ProviderInput = z.infer<typeof providerInput>

/** A provider as the UI and API see it: secrets are masked, never returned. */
export const providerView = z.object({
  id: z.string(),
  type: providerType,
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  ratePerSecond: z.number(),
  callbackPath: z.string(),
  callbackUrl: z.string().nullable(),
  createdAt: z.number()
})
export type ProviderView = z.infer<typeof providerView>

/** `providers.testConnection`: one cheap documented read of the provider with the account's credentials. */
export const connectionTest = z.object({
  /** `not_tested`: no read can prove this account (the Sandbox; Gupshup without an app ID). */
  outcome: z.enum(['ok', 'failed', 'not_tested']),
  /** What was read, or what failed and what to check. */
  detail: z.string(),
  /** The request made, e.g. `GET /2010-04-01/Accounts/AC….json` (no credentials); null if none. */
  request: z.string().nullable(),
  ms: z.number().nullable(),
  at: z.number()
})
export type ConnectionTest = z.infer<typeof connectionTest>

export const providerRoutes = {
  /** Reads one record of the provider (no change there or here); operators check before a send. */
  'providers.testConnection': {
    role: 'operator',
    changes: false,
    input: z.strictObject({ id: z.string().min(1) }),
    output: connectionTest
  },
  'providers.create': {
    role: 'admin',
    changes: true,
    input: providerInput,
    output: z.object({
      id: z.string(),
      callbackPath: z.string(),
      callbackUrl: z.string().nullable()
    })
  },
  'providers.update': {
    role: 'admin',
    changes: true,
    input: z.strictObject({
      id: z.string(),
      name: z.string().min(1).max(100).optional(),
      /**
       * Fields to change; omitted secret fields keep their stored value. Checked (strictly) against
       * the account type's config in the engine, since the type is the stored account's.
       */
      config: z.record(z.string(), z.unknown())
    }),
    output: z.object({ id: z.string() })
  },
  'providers.list': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ providers: z.array(providerView) })
  },
  /** Fetch the provider's own records of a campaign now (spec §6 "The provider's own numbers"). */
  'providers.reconcile': {
    role: 'operator',
    changes: true,
    input: z.strictObject({ campaignId: z.string() }),
    output: z.object({
      /** Records the provider returned: looked-up messages and analytics template-days. */
      fetched: z.number().int(),
      /** Messages awaiting a report that a lookup filled. */
      filled: z.number().int()
    })
  }
} as const
