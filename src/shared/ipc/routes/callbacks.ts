import { z } from 'zod'

export const tunnelState = z.enum(['off', 'connecting', 'up', 'reconnecting', 'error'])
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
    .optional()
})
export type TunnelStatus = z.infer<typeof tunnelStatus>

export const callbackHealth = z.object({
  lastReceivedAt: z.number().nullable(),
  received: z.number().int(),
  rejected: z.record(z.string(), z.number().int()),
  unmatched: z.number().int(),
  unattributedReplies: z.number().int(),
  awaitingReport: z.number().int(),
  medianDeliveryMs: z.number().nullable()
})
export type CallbackHealth = z.infer<typeof callbackHealth>

export const callbackRoutes = {
  'callbacks.health': {
    input: z.object({ providerId: z.string().optional(), campaignId: z.string().optional() }),
    output: callbackHealth
  },
  /** The live goal-events endpoint of this install (`POST <url>` with JSON events). */
  'callbacks.eventsEndpoint': {
    input: z.object({}).strict(),
    output: z.object({ path: z.string(), url: z.string().nullable() })
  },
  'callbacks.test': {
    input: z.object({ providerId: z.string() }),
    output: z.object({
      ok: z.boolean(),
      roundTripMs: z.number().nullable(),
      via: z.string(),
      error: z.string().optional()
    })
  },
  'tunnel.start': {
    input: z.object({
      host: z.url().optional(),
      subdomain: z
        .string()
        .regex(/^[a-z0-9-]{4,63}$/)
        .optional()
    }),
    output: tunnelStatus
  },
  'tunnel.status': { input: z.object({}).strict(), output: tunnelStatus },
  'tunnel.stop': { input: z.object({}).strict(), output: tunnelStatus }
} as const
