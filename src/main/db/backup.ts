import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { checkNotReplacing, placeFile } from './placeFile'
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

/** A backup's file in `<dataDir>/backups` by its name (the routes take names, never paths). */
export function backupPath(dataDir: string, name: string): string {
  if (name !== basename(name) || name.startsWith('.') || name.includes('\0'))
    throw new AppError(ErrorCode.invalidInput, `${name} is not a backup name: see data.backups`)
  return join(resolve(dataDir), BACKUP_DIR, name)
}

/**
 * SQLite online backup of the open database: a consistent snapshot (WAL content included) while
 * the engine keeps running, into the backups folder only. Written to a temporary name and moved
 * into place, so a failed or interrupted backup never leaves a truncated file under the name, and
 * an existing file is replaced only with `overwrite`.
 */
export async function backupDataFile(
  db: Db,
  dataDir: string,
  request: { name?: string; overwrite?: boolean },
  /** The engine's now: an unnamed backup is named by it. */
  now: number
): Promise<{ path: string; bytes: number }> {
  const name = request.name
    ? request.name.endsWith('.sqlite')
      ? request.name
      : `${request.name}.sqlite`
    : `tickboard-${fileStamp(now)}.sqlite`
  const target = { path: backupPath(dataDir, name), overwrite: request.overwrite ?? false }
  mkdirSync(dirname(target.path), { recursive: true })
  if (statSync(target.path, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError(ErrorCode.invalidInput, `${target.path} is a folder; give a file name`)
  checkNotReplacing(target)
  const partial = `${target.path}.partial-${randomBytes(4).toString('hex')}`
  try {
    await db.backup(partial)
    await placeFile(partial, target)
  } catch (err) {
    rmSync(partial, { force: true })
    if (err instanceof AppError) throw err
    throw new AppError(
      ErrorCode.invalidInput,
      `Cannot write the backup to ${target.path}: ${(err as Error).message}`
    )
  }
  return { path: target.path, bytes: statSync(target.path).size }
}

/** Backups (and pre-restore copies) in `<dataDir>/backups`, newest first. */
export function listBackups(dataDir: string): { folder: string; backups: BackupFile[] } {
  const folder = join(resolve(dataDir), BACKUP_DIR)
  if (!existsSync(folder)) return { folder, backups: [] }
  const backups = readdirSync(folder)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => {
      const stat = statSync(join(folder, name))
      return {
        name,
        path: join(folder, name),
        bytes: stat.size,
        createdAt: Math.round(stat.mtimeMs)
      }
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.path.localeCompare(a.path))
  return { folder, backups }
}
