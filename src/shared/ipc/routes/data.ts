import { z } from 'zod'

const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path must not contain NUL characters')

export const backupFile = z.object({
  path: z.string(),
  bytes: z.number().int(),
  createdAt: z.number()
})
export type BackupFile = z.infer<typeof backupFile>

export const dataRoutes = {
  /**
   * SQLite online backup of the live data file (consistent while the engine runs). Without a
   * path it goes to `<dataDir>/backups/tickboard-<time>.sqlite`. Credentials stay encrypted in it.
   */
  'data.backup': {
    input: z.strictObject({ path: filePath.optional() }),
    output: z.object({ path: z.string(), bytes: z.number().int() })
  },
  /** Backups in `<dataDir>/backups`, newest first. */
  'data.backups': {
    input: z.strictObject({}),
    output: z.object({ folder: z.string(), backups: z.array(backupFile) })
  },
  /**
   * Checks that a file is a healthy Tickboard database this version can open, and stages it. The
   * swap happens on the next start (the current file is kept under `backups/`): restart to finish.
   */
  'data.restore': {
    input: z.strictObject({ path: filePath }),
    output: z.object({
      staged: z.literal(true),
      restartRequired: z.literal(true),
      schemaVersion: z.number().int(),
      message: z.string()
    })
  }
} as const
