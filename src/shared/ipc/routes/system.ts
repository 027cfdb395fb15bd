import { z } from 'zod'
import { currencyCode } from '../../domain/currency'

const loginItemState = z.object({
  supported: z.boolean(),
  openAtLogin: z.boolean(),
  note: z.string().nullable()
})

export const systemRoutes = {
  'system.info': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      transport: z.enum(['electron', 'http']),
      publicUrl: z.string().nullable(),
      /** How provider credentials are encrypted at rest, and what the operator should know. */
      credentials: z.object({ storage: z.string(), notice: z.string().nullable() })
    })
  },
  /** Whether the computer is kept awake, and why (a campaign sending, reports still to come). */
  'system.keepAwake': {
    role: 'viewer',
    changes: false,
    input: z.object({}).strict(),
    output: z.object({ keepAwake: z.boolean(), reason: z.string().nullable() })
  },
  /** The default revenue currency (ISO 4217): a campaign's goal takes it unless it names its own. */
  'system.currency': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ currency: z.string() })
  },
  'system.setCurrency': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ currency: currencyCode }),
    output: z.object({ currency: z.string() })
  },
  /**
   * Start Tickboard at login (desktop app on macOS and Windows): reads it, or sets it when
   * `openAtLogin` is given. `supported: false` elsewhere (headless, Linux) with the reason.
   */
  /** Whether the desktop app starts at login (a read: it is not in the audit log). */
  'system.loginItem': {
    role: 'admin',
    changes: false,
    input: z.object({}).strict(),
    output: loginItemState
  },
  'system.setLoginItem': {
    role: 'admin',
    changes: true,
    input: z.object({ openAtLogin: z.boolean() }).strict(),
    output: loginItemState
  }
} as const
