import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { backupDataFile, listBackups } from '../db/backup'
import { stageRestore } from '../db/restore'
import type { EngineContext } from './context'

/** Backup (SQLite online backup) and staged restore of the engine's own data file. */
export function createDataService(ctx: EngineContext) {
  const { dataDir, nativeBinding, transport } = ctx.config
  return {
    backup(path: string | undefined) {
      // Like reports.export: in the desktop app a page may not pick where files are written (the
      // UI backs up into <dataDir>/backups); a chosen path is for the automation API only.
      if (transport === 'electron' && path !== undefined)
        throw new AppError(ErrorCode.invalidInput, 'In the app, backups go to the backups folder')
      return backupDataFile(ctx.db, dataDir, path)
    },
    backups: () => listBackups(dataDir),
    /** Checks the backup and stages it; the next start applies it (the data file is open now). */
    restore(path: string) {
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
