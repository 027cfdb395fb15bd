import { z } from 'zod'

export const tunnelState = z.enum(['off', 'connecting', 'up', 'reconnecting', 'error'])
export type TunnelState = z.infer<typeof tunnelState>
const providerRef = z.object({ id: z.string(), name: z.string(), type: z.string() })
/** A public URL change: per-account providers need the new callback URL entered by hand. */
export const tunnelUrlChange = z.object({
  at: z.number(),
  previousUrl: z.string().nullable(),
  url: z.string(),
  /** Meta (incl. 360dialog) and Gupshup keep the webhook URL per account: update these. */
  providersToUpdate: z.array(providerRef.extend({ callbackUrl: z.string() })),
  /** Twilio and Infobip get the callback URL with every message: they follow by themselves. */
  followAutomatically: z.array(providerRef)
})
export type TunnelUrlChange = z.infer<typeof tunnelUrlChange>
export const tunnelStatus = z.object({
  state: tunnelState,
  url: z.string().optional(),
  error: z.string().optional(),
  lastCheckAt: z.number().optional(),
  history: z
    .array(
      z.object({
        at: z.number(),
        state: tunnelState,
        url: z.string().optional(),
        reason: z.string().optional()
      })
    )
    .optional(),
  /** The tunnel server in use (`https://localtunnel.me` unless self-hosted). */
  host: z.string().optional(),
  /** The stable per-install subdomain requested; the server may grant another. */
  subdomain: z.string().optional(),
  upSince: z.number().optional(),
  lastRoundTripMs: z.number().optional(),
  /** Failed attempts since the tunnel was last up, and when the next one runs. */
  failures: z.number().int().optional(),
  nextRetryAt: z.number().optional(),
  /** Started again automatically after a restart because it was on when the engine stopped. */
  autoStart: z.boolean().optional(),
  urlChange: tunnelUrlChange.optional()
})
export type TunnelStatus = z.infer<typeof tunnelStatus>

export const callbackHealth = z.object({
  lastReceivedAt: z.number().nullable(),
  received: z.number().int(),
  rejected: z.record(z.string(), z.number().int()),
  /** Acknowledged but not understood, by reason (`unknown_status:deleted`, `malformed_item`, …). */
  ignored: z.record(z.string(), z.number().int()),
  /** The newest few samples per ignored reason, newest first. */
  ignoredSamples: z.array(z.object({ reason: z.string(), at: z.number(), sample: z.string() })),
  unmatched: z.number().int(),
  unattributedReplies: z.number().int(),
  awaitingReport: z.number().int(),
  /** Messages awaiting a report whose state a lookup of the provider's own record filled. */
  reconciled: z.number().int(),
  medianDeliveryMs: z.number().nullable()
})
export type CallbackHealth = z.infer<typeof callbackHealth>

export const callbackRoutes = {
  'callbacks.health': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ providerId: z.string().optional(), campaignId: z.string().optional() }),
    output: callbackHealth
  },
  /** The live goal-events endpoint of this install (`POST <url>` with JSON events). */
  'callbacks.eventsEndpoint': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ path: z.string(), url: z.string().nullable() })
  },
  'callbacks.test': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ providerId: z.string() }),
    output: z.object({
      ok: z.boolean(),
      roundTripMs: z.number().nullable(),
      /** `tunnel`, `public-url` (--public-url) or `local` (no public URL: loopback only). */
      via: z.string(),
      error: z.string().optional(),
      /** The URL the signed test was sent to. */
      url: z.string().optional(),
      /** With `via: 'local'`: whether the loopback listener itself answered the test. */
      localOk: z.boolean().optional()
    })
  },
  'tunnel.start': {
    role: 'admin',
    changes: true,
    input: z.strictObject({
      /** A self-hosted localtunnel server; omitted: the last one used, else localtunnel.me. */
      host: z.url({ protocol: /^https?$/ }).optional(),
      /** localtunnel's own rule, so a name the server would refuse is refused here, not stored. */
      subdomain: z
        .string()
        .regex(
          /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/,
          'Lowercase letters, digits and inner hyphens, 4 to 63 characters'
        )
        .optional()
    }),
    output: tunnelStatus
  },
  'tunnel.status': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: tunnelStatus
  },
  'tunnel.stop': { role: 'admin', changes: true, input: z.strictObject({}), output: tunnelStatus }
} as const
