import { z } from 'zod'

export const systemRoutes = {
  'system.info': {
    input: z.strictObject({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      transport: z.enum(['electron', 'http']),
      publicUrl: z.string().nullable(),
      /** How provider credentials are encrypted at rest, and what the operator should know. */
      credentials: z.object({ storage: z.string(), notice: z.string().nullable() })
    })
  }
} as const
