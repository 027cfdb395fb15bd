import { z } from 'zod'

export const registrationRecord = z.object({
  at: z.number(),
  /** Why it ran: account_created, account_updated, tunnel_up, url_changed, manual, consent, startup. */
  trigger: z.string(),
  url: z.string(),
  /** registered (confirmed by the provider), failed, or manual (set it by hand: see detail). */
  outcome: z.enum(['registered', 'failed', 'manual']),
  detail: z.string(),
  /** The provider's answer, excerpted. */
  answer: z.string().nullable()
})
export type RegistrationRecordView = z.infer<typeof registrationRecord>

export const readiness = z.object({
  blocking: z.array(z.string()),
  warnings: z.array(z.string())
})

export const registrationView = z.object({
  providerId: z.string(),
  /** The operator's consent to register automatically (on by default). */
  enabled: z.boolean(),
  currentUrl: z.string().nullable(),
  latest: registrationRecord.nullable(),
  log: z.array(registrationRecord),
  readiness
})
export type RegistrationView = z.infer<typeof registrationView>

export const callbackGap = z.object({
  from: z.number(),
  /** null: callbacks still cannot arrive. */
  to: z.number().nullable(),
  reason: z.string()
})

const byProvider = z.strictObject({ providerId: z.string().min(1) })

export const registrationRoutes = {
  'registration.list': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ accounts: z.array(registrationView) })
  },
  'registration.setEnabled': {
    role: 'admin',
    changes: true,
    input: byProvider.extend({ enabled: z.boolean() }),
    output: registrationView
  },
  /** Registers the current callback URL now (also with consent off: the operator asked). */
  'registration.register': {
    role: 'admin',
    changes: true,
    input: byProvider,
    output: registrationView
  },
  /** Readiness override and callback gaps of one campaign, for its stats page. */
  'registration.campaign': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ campaignId: z.string().min(1) }),
    output: z.object({
      override: z.object({ at: z.number(), problems: z.array(z.string()) }).nullable(),
      gaps: z.array(callbackGap)
    })
  }
} as const
