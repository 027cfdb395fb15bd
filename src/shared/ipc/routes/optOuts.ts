import { z } from 'zod'

const keywords = z.array(z.string().trim().min(1).max(60)).max(50)

export const optOutRow = z.object({
  /** E.164, or null for a username-only user known by BSUID alone. */
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  name: z.string().nullable(),
  /** When they stopped (provider time). */
  at: z.number(),
  source: z.enum(['user_preferences', 'keyword', 'error_131050'])
})
export type OptOutRow = z.infer<typeof optOutRow>

/** Marketing opt-outs (spec §4, issue #10): the keywords, and who is opted out now. */
export const optOutRoutes = {
  'optOuts.keywords': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ keywords })
  },
  'optOuts.setKeywords': {
    role: 'operator',
    changes: true,
    input: z.strictObject({ keywords }),
    output: z.object({ keywords })
  },
  'optOuts.list': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50)
    }),
    output: z.object({ total: z.number().int(), rows: z.array(optOutRow) })
  },
  /** The whole current opt-out list as CSV text (formula-neutralised cells). */
  'optOuts.csv': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ csv: z.string() })
  }
} as const
