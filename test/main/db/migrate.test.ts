import { readdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { bundledMigrations, migrate, parseMigrationFiles } from '../../../src/main/db/migrate'
import { DataFileError, openDb } from '../../../src/main/db/openDb'
import { useTempDirs } from '../../helpers/tempDir'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'

describe('migrations', () => {
  const tempDir = useTempDirs()

  it('opens a temp-file database through the real migrations with WAL and foreign keys', () => {
    const db = openDb(tempDir())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(
      expect.arrayContaining(['contact', 'contact_event', 'provider', 'campaign', 'message'])
    )
    const applied = db
      .prepare('SELECT version FROM schema_migration ORDER BY version')
      .pluck()
      .all()
    expect(applied).toEqual(bundledMigrations().map((m) => m.version))
    db.close()
  })

  it('is idempotent: reopening applies nothing new', () => {
    const dir = tempDir()
    openDb(dir).close()
    const db = openDb(dir)
    expect(migrate(db)).toEqual([])
    db.close()
  })

  it('refuses a released migration whose text changed', () => {
    const db = new Database(join(tempDir(), 'x.sqlite'))
    migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' }])
    expect(() =>
      migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x TEXT);' }])
    ).toThrow(/0001_one was edited after it was applied/)
    db.close()
  })

  it('refuses a database written by a newer version', () => {
    const db = new Database(join(tempDir(), 'x.sqlite'))
    migrate(db, [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER);' }
    ])
    expect(() =>
      migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' }])
    ).toThrow(/newer Tickboard/)
    db.close()
  })

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(join(tempDir(), 'x.sqlite'))
    expect(() =>
      migrate(db, [
        { version: 1, name: 'bad', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' }
      ])
    ).toThrow()
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0)
    db.close()
  })

  it('has strictly increasing, well-named migration files', () => {
    const files = readdirSync('src/main/db/migrations').sort()
    for (const f of files) expect(f).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/)
    const versions = files.map((f) => Number(f.slice(0, 4)))
    expect(new Set(versions).size).toBe(versions.length)
    expect(() => parseMigrationFiles({ 'a/0001_x.sql': '', 'b/0001_y.sql': '' })).toThrow(
      /share version/
    )
  })

  it('gives a clear error for a file that is not a database', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'tickboard.sqlite'), 'this is not sqlite, just text '.repeat(200))
    expect(() => openDb(dir)).toThrow(DataFileError)
  })
})
