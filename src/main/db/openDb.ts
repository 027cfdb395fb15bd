import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { markOpen } from './openMarker'
import Database from 'better-sqlite3'
import { migrate } from './migrate'
import { indexExistingContactNames } from './repos/contactNameWords'

export type Db = Database.Database

export interface OpenDbOptions {
  /** Path of an Electron-ABI build of better-sqlite3 when running inside Electron. */
  nativeBinding?: string
  readonly?: boolean
}

export const DATA_FILE = 'tickboard.sqlite'

export class DataFileError extends Error {
  override name = 'DataFileError'
}

/**
 * Opens (creating if needed) the one SQLite file of a data dir and brings its schema up to date.
 * The whole file is checked (`quick_check`, 5 s at 5M recipients) only when a process that had it
 * open did not close it (see openMarker.ts): a clean shutdown leaves nothing to check, and SQLite's
 * WAL recovers a killed process's last commits on its own.
 */
export function openDb(dataDir: string, options: OpenDbOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, DATA_FILE)
  const isNew = !existsSync(file)
  const marker = markOpen(dataDir, DATA_FILE)
  let db: Db
  try {
    db = new Database(file, {
      nativeBinding: options.nativeBinding,
      readonly: options.readonly ?? false,
      timeout: 5000
    })
  } catch (err) {
    throw new DataFileError(`Cannot open data file ${file}: ${(err as Error).message}`)
  }
  try {
    if (!isNew) {
      if (marker.unclean) {
        const check = db.pragma('quick_check', { simple: true }) as string
        if (check !== 'ok') throw new DataFileError(`Data file ${file} is damaged: ${check}`)
      }
      assertTickboardFile(db, file)
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      // WAL + NORMAL: durable across application crashes (kill -9), which is our promise.
      db.pragma('synchronous = NORMAL')
    }
    // Statement journals of big UPDATEs on `message` stay in memory instead of a temp file per
    // statement. The page cache stays at the build's 16 MB: export and stats memory targets.
    db.pragma('temp_store = MEMORY')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      migrate(db)
      indexExistingContactNames(db)
    }
  } catch (err) {
    db.close()
    marker.release()
    if (err instanceof DataFileError) throw err
    const message = (err as Error).message
    if (/file is not a database|malformed/i.test(message))
      throw new DataFileError(`${file} is not a Tickboard data file (or is damaged): ${message}`)
    throw err
  }
  // Every owner closes the file with db.close(): the marker goes with it (and only then, so a
  // check that threw above leaves the file to be checked again next time).
  const close = db.close.bind(db)
  db.close = () => {
    close()
    marker.release()
    return db
  }
  marker.checked()
  return db
}

/** Refuses another application's SQLite file before WAL or migrations would change it. */
function assertTickboardFile(db: Db, file: string): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[]
  if (tables.length && !tables.includes('schema_migration'))
    throw new DataFileError(
      `${file} is an SQLite database of another application (tables: ${tables.slice(0, 5).join(', ')}), not a Tickboard data file`
    )
}
