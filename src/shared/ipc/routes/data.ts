import { z } from 'zod'

/** A file in `<dataDir>/backups`, by name: never a path (spec §8). */
const backupName = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^(?!\.)[^/\\\0]+$/,
    'a file name in the backups folder (no folder, no leading dot): see data.backups'
  )

export const backupFile = z.object({
  /** What `data.restore` takes. */
  name: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  createdAt: z.number()
})
export type BackupFile = z.infer<typeof backupFile>

export const dataRoutes = {
  /**
   * SQLite online backup of the live data file (consistent while the engine runs), always into
   * `<dataDir>/backups`: as `name` (`.sqlite` added), else `tickboard-<time>.sqlite`. An existing
   * file is refused (409 conflict) unless `overwrite: true`. Credentials stay encrypted in it.
   */
  'data.backup': {
    role: 'operator',
    changes: true,
    input: z.strictObject({ name: backupName.optional(), overwrite: z.boolean().optional() }),
    output: z.object({ path: z.string(), bytes: z.number().int() })
  },
  /** Backups in `<dataDir>/backups`, newest first. */
  'data.backups': {
    role: 'operator',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ folder: z.string(), backups: z.array(backupFile) })
  },
  /**
   * Checks that a backup (by its `name` from `data.backups`) is a healthy Tickboard database this
   * version can open (header, integrity_check, schema not newer), and stages it. The swap happens
   * on the next start (the current file is kept under `backups/`): restart to finish.
   */
  'data.restore': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ name: backupName }),
    output: z.object({
      staged: z.literal(true),
      restartRequired: z.literal(true),
      schemaVersion: z.number().int(),
      message: z.string()
    })
  }
} as const
