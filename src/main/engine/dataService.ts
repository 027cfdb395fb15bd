import { backupDataFile, backupPath, listBackups } from '../db/backup'
import { stageRestore } from '../db/restore'
import type { EngineContext } from './context'

/** Backup (SQLite online backup) and staged restore of the engine's own data file. */
export function createDataService(ctx: EngineContext) {
  const { dataDir, nativeBinding, transport } = ctx.config
  return {
    /** Into `<dataDir>/backups` only, on every transport: a caller names the file, not a path. */
    backup: (request: { name?: string; overwrite?: boolean }) =>
      backupDataFile(ctx.db, dataDir, request),
    backups: () => listBackups(dataDir),
    /** Checks the backup and stages it; the next start applies it (the data file is open now). */
    restore(name: string) {
      const path = backupPath(dataDir, name)
      const { schemaVersion } = stageRestore(dataDir, path, nativeBinding)
      ctx.log(`restore staged from ${path}; it is applied on the next start`)
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
