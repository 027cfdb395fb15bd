import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { backupDataFile, listBackups } from '../db/backup'
import { stageRestore } from '../db/restore'
import type { EngineContext } from '../engine/context'
import type { DomainHandlers } from './types'

/** Backup (SQLite online backup) and staged restore of the data file. */
export function dataHandlers(
  ctx: EngineContext
): DomainHandlers<'data.backup' | 'data.backups' | 'data.restore'> {
  const { dataDir, nativeBinding, transport } = ctx.config
  return {
    'data.backup': (input) => {
      // Like reports.export: in the desktop app a page may not pick where files are written (the
      // UI backs up into <dataDir>/backups); a chosen path is for the automation API only.
      if (transport === 'electron' && input.path !== undefined)
        throw new AppError(ErrorCode.invalidInput, 'In the app, backups go to the backups folder')
      return backupDataFile(ctx.db, dataDir, input.path)
    },
    'data.backups': () => listBackups(dataDir),
    'data.restore': (input) => {
      const { schemaVersion } = stageRestore(dataDir, input.path, nativeBinding)
      ctx.log(`restore staged from ${input.path}; it is applied on the next start`)
      return {
        staged: true,
        restartRequired: true,
        schemaVersion,
        message: `The backup is checked and staged. ${transport === 'electron' ? 'Restart Tickboard' : 'Restart the engine (serve)'} to finish: the current data is kept under backups/ first.`
      }
    }
  }
}
