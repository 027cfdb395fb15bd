import { z } from 'zod'

export const reportRoutes = {
  'reports.export': {
    input: z.object({
      campaignId: z.string(),
      format: z.enum(['csv', 'pdf']),
      kind: z.enum(['summary', 'recipients', 'trend', 'errors']).optional(),
      path: z.string().min(1),
      granularity: z.enum(['day', 'week', 'month']).optional(),
      timezone: z.string().optional(),
      paper: z.enum(['A4', 'Letter']).optional()
    }),
    output: z.object({ path: z.string(), bytes: z.number().int() })
  }
} as const
