import { backupPath, listBackups } from '../db/backup'
import { stageRestore } from '../db/restore'
import type { Kernel } from '../kernel/kernel'

/** SQLite online backup of the open data file into `<dataDir>/backups` (over the engine's connection). */
export type BackupDataFile = (request: {
  name?: string
  overwrite?: boolean
}) => Promise<{ path: string; bytes: number }>

/**
 * Backup (SQLite online backup) and staged restore of the engine's own data file. The backup is
 * given by the composition root, which holds the connection; restore works on files only.
 */
export function createDataService(kernel: Pick<Kernel, 'config' | 'log'>, backup: BackupDataFile) {
  const { dataDir, nativeBinding, transport } = kernel.config
  return {
    /** Into `<dataDir>/backups` only, on every transport: a caller names the file, not a path. */
    backup,
    backups: () => listBackups(dataDir),
    /** Checks the backup and stages it; the next start applies it (the data file is open now). */
    restore(name: string) {
      const path = backupPath(dataDir, name)
      const { schemaVersion } = stageRestore(dataDir, path, nativeBinding)
      kernel.log(`restore staged from ${path}; it is applied on the next start`)
      return {
        staged: true as const,
        restartRequired: true as const,
        schemaVersion,
        message: `The backup is checked and staged. ${transport === 'electron' ? 'Restart Tickboard' : 'Restart the engine (serve)'} to finish: the current data is kept under backups/ first.`
      }
    }
  }
}
export type DataService = ReturnType<typeof createDataService>
