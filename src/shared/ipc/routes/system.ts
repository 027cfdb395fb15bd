import { z } from 'zod'

export const systemRoutes = {
  'system.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      transport: z.enum(['electron', 'http']),
      publicUrl: z.string().nullable()
    })
  }
} as const
