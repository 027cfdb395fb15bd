import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { BACKUP_DIR, fileStamp, liveFiles } from './backup'
import { bundledMigrations, checksum, type Migration } from './migrate'

/** A checked copy waiting in the data dir; `applyStagedRestore` swaps it in on the next start. */
export const STAGED_FILE = 'restore-pending.sqlite'

const SQLITE_HEADER = 'SQLite format 3\0'
const CORE_TABLES = ['contact', 'contact_event', 'provider', 'campaign', 'message']

function sidecars(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]
}

function readHeader(file: string): string {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(16)
    const n = readSync(fd, buf, 0, 16, 0)
    return buf.subarray(0, n).toString('latin1')
  } finally {
    closeSync(fd)
  }
}

/**
 * Throws a clear message unless `file` is a healthy Tickboard database that this version can open:
 * an SQLite file, `integrity_check` ok, the core tables, and migrations that are all known to this
 * build with unchanged checksums (an older schema is fine: it is migrated when opened).
 */
export function checkTickboardFile(
  file: string,
  options: { nativeBinding?: string; migrations?: Migration[] } = {}
): { schemaVersion: number } {
  if (readHeader(file) !== SQLITE_HEADER)
    throw new Error(`${file} is not an SQLite database, so not a Tickboard backup`)
  let db: Database.Database
  try {
    db = new Database(file, { fileMustExist: true, nativeBinding: options.nativeBinding })
  } catch (err) {
    throw new Error(`${file} cannot be opened: ${(err as Error).message}`)
  }
  try {
    const check = db.pragma('integrity_check', { simple: true }) as string
    if (check !== 'ok') throw new Error(`${file} is damaged (integrity_check: ${check})`)
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
    )
    if (!tables.has('schema_migration'))
      throw new Error(`${file} is an SQLite database but not a Tickboard data file`)
    const missing = CORE_TABLES.filter((t) => !tables.has(t))
    if (missing.length)
      throw new Error(
        `${file} is not a complete Tickboard data file (missing ${missing.join(', ')})`
      )
    const known = new Map((options.migrations ?? bundledMigrations()).map((m) => [m.version, m]))
    const applied = db
      .prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version')
      .all() as { version: number; name: string; checksum: string }[]
    for (const row of applied) {
      const m = known.get(row.version)
      if (!m)
        throw new Error(
          `${file} was written by a newer Tickboard (migration ${row.version} ${row.name}); update Tickboard first`
        )
      if (checksum(m.sql) !== row.checksum)
        throw new Error(`${file} has a schema this version does not recognise (${row.name})`)
    }
    return { schemaVersion: applied.at(-1)?.version ?? 0 }
  } finally {
    db.close()
  }
}

/**
 * Copies `source` into the data dir and checks the copy (so what is checked is exactly what will
 * be swapped in), then leaves it as `restore-pending.sqlite`. The live file is untouched.
 */
export function stageRestore(
  dataDir: string,
  source: string,
  nativeBinding?: string
): { schemaVersion: number } {
  const from = resolve(source)
  if (liveFiles(dataDir).includes(from))
    throw new AppError(ErrorCode.invalidInput, 'That is the live data file; pick a backup')
  if (!existsSync(from) || !statSync(from).isFile())
    throw new AppError(ErrorCode.invalidInput, `No backup file at ${from}`)
  const tmp = join(resolve(dataDir), `${STAGED_FILE}.tmp`)
  for (const f of sidecars(tmp)) rmSync(f, { force: true })
  try {
    copyFileSync(from, tmp)
    // A copy of a live file may hold recent commits in its WAL: bring it along to be replayed.
    if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${tmp}-wal`)
    const { schemaVersion } = checkTickboardFile(tmp, { nativeBinding })
    renameSync(tmp, join(resolve(dataDir), STAGED_FILE))
    return { schemaVersion }
  } catch (err) {
    for (const f of sidecars(tmp)) rmSync(f, { force: true })
    if (err instanceof AppError) throw err
    throw new AppError(ErrorCode.invalidInput, `Cannot restore: ${(err as Error).message}`)
  }
}

/**
 * Runs at start, before the data file is opened: when a restore is staged, the current file (and
 * its WAL) moves to `backups/before-restore-<time>.sqlite` and the staged copy takes its place.
 * Each step is a rename, ordered so that a crash between two of them resumes on the next start.
 * Returns where the previous file was kept, or null when nothing was staged.
 */
export function applyStagedRestore(dataDir: string): string | null {
  const staged = join(resolve(dataDir), STAGED_FILE)
  if (!existsSync(staged)) return null
  const [live] = liveFiles(dataDir) as [string]
  // Named after the staged file's time, so a resumed swap moves the rest under the same name.
  const kept = join(
    resolve(dataDir),
    BACKUP_DIR,
    `before-restore-${fileStamp(statSync(staged).mtimeMs)}.sqlite`
  )
  mkdirSync(dirname(kept), { recursive: true })
  const keptFiles = sidecars(kept)
  // Sidecars (WAL first) before the main file: a live file never loses its WAL in a crash.
  const order = [1, 2, 3, 0]
  let moved = false
  for (const i of order) {
    const file = sidecars(live)[i]!
    if (!existsSync(file)) continue
    renameSync(file, keptFiles[i]!)
    moved = true
  }
  renameSync(staged, live)
  return moved || existsSync(kept) ? kept : null
}
