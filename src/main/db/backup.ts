import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { BackupFile } from '../../shared/ipc/routes/data'
import { DATA_FILE, type Db } from './openDb'

export const BACKUP_DIR = 'backups'

/** A file-name-safe UTC time: 2026-11-27T01-23-45-123Z. */
export function fileStamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-')
}

/** The live data file and the siblings SQLite keeps next to it. */
export function liveFiles(dataDir: string): string[] {
  const live = resolve(dataDir, DATA_FILE)
  return [live, `${live}-wal`, `${live}-shm`, `${live}-journal`]
}

/**
 * SQLite online backup of the open database: a consistent snapshot (WAL content included) while
 * the engine keeps running. Written to a temporary name and renamed, so a failed or interrupted
 * backup never leaves a truncated file under the requested name.
 */
export async function backupDataFile(
  db: Db,
  dataDir: string,
  target: string | undefined,
  now = Date.now()
): Promise<{ path: string; bytes: number }> {
  const dest = target
    ? resolve(target)
    : join(resolve(dataDir), BACKUP_DIR, `tickboard-${fileStamp(now)}.sqlite`)
  if (liveFiles(dataDir).includes(dest))
    throw new AppError(ErrorCode.invalidInput, 'A backup cannot overwrite the live data file')
  if (target) {
    if (!existsSync(dirname(dest)))
      throw new AppError(ErrorCode.invalidInput, `Folder ${dirname(dest)} does not exist`)
    if (existsSync(dest) && statSync(dest).isDirectory())
      throw new AppError(ErrorCode.invalidInput, `${dest} is a folder; give a file name`)
  } else mkdirSync(dirname(dest), { recursive: true })
  const partial = `${dest}.partial-${randomBytes(4).toString('hex')}`
  try {
    await db.backup(partial)
    renameSync(partial, dest)
  } catch (err) {
    rmSync(partial, { force: true })
    throw new AppError(
      ErrorCode.invalidInput,
      `Cannot write the backup to ${dest}: ${(err as Error).message}`
    )
  }
  return { path: dest, bytes: statSync(dest).size }
}

/** Backups (and pre-restore copies) in `<dataDir>/backups`, newest first. */
export function listBackups(dataDir: string): { folder: string; backups: BackupFile[] } {
  const folder = join(resolve(dataDir), BACKUP_DIR)
  if (!existsSync(folder)) return { folder, backups: [] }
  const backups = readdirSync(folder)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => {
      const stat = statSync(join(folder, name))
      return { path: join(folder, name), bytes: stat.size, createdAt: Math.round(stat.mtimeMs) }
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.path.localeCompare(a.path))
  return { folder, backups }
}
