import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  sql: string
}

/** Migration files, bundled at build time: `NNNN_snake_name.sql`, append-only. */
const files = import.meta.glob('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true
}) as Record<string, string>

export function bundledMigrations(): Migration[] {
  return parseMigrationFiles(files)
}

export function parseMigrationFiles(source: Record<string, string>): Migration[] {
  const migrations = Object.entries(source).map(([path, sql]) => {
    const match = /(\d{4})_([a-z0-9_]+)\.sql$/.exec(path)
    if (!match) throw new Error(`Migration file name must be NNNN_snake_name.sql: ${path}`)
    return { version: Number(match[1]), name: match[2] as string, sql }
  })
  migrations.sort((a, b) => a.version - b.version)
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version)
      throw new Error(`Two migrations share version ${migrations[i]!.version}`)
  }
  return migrations
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex')
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/**
 * Applies pending migrations, each in its own transaction, and refuses to run when an applied
 * migration's text has changed since (its checksum no longer matches) or the database is newer
 * than this build.
 */
export function migrate(db: Database.Database, migrations = bundledMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`)
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[]
  const known = new Map(migrations.map((m) => [m.version, m]))
  for (const row of applied) {
    const m = known.get(row.version)
    if (!m)
      throw new MigrationError(
        `The data file was written by a newer Tickboard (migration ${row.version} ${row.name} is unknown to this version). Update Tickboard.`
      )
    if (checksum(m.sql) !== row.checksum)
      throw new MigrationError(
        `Released migration ${String(m.version).padStart(4, '0')}_${m.name} was edited after it was applied (checksum mismatch). Add a new migration instead of editing a released one.`
      )
  }
  const done = new Set(applied.map((r) => r.version))
  const record = db.prepare(
    'INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)'
  )
  const newlyApplied: number[] = []
  for (const m of migrations) {
    if (done.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, checksum(m.sql), Date.now())
    })()
    newlyApplied.push(m.version)
  }
  return newlyApplied
}
