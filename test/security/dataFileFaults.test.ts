import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DATA_FILE, openDb } from '../../src/main/db/openDb'
import { startServe } from '../helpers/serveProcess'
import { fillContacts } from '../helpers/fillContacts'
import { useTempDirs } from '../helpers/tempDir'

/**
 * A damaged or foreign data file stops `serve` at start with a one-line reason and a non-zero
 * exit, before anything listens and without touching the file.
 */
describe('bad data file on start', () => {
  const tempDir = useTempDirs()

  async function startFails(dir: string): Promise<string> {
    const before = readFileSync(join(dir, DATA_FILE))
    const err = await startServe(['--data-dir', dir, '--port', '0', '--hooks-port', '0']).then(
      () => null,
      (e: Error) => e
    )
    expect(err, 'serve must not start').not.toBeNull()
    const message = err!.message
    expect(message).toMatch(/serve exited with [1-9]/)
    expect(message).not.toMatch(/^\s+at /m)
    expect(readFileSync(join(dir, DATA_FILE)).equals(before), 'file left as it was').toBe(true)
    return message
  }

  it('refuses a file that is not SQLite', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, DATA_FILE), 'phone,name\n+919876500001,Asha\n'.repeat(200))
    expect(await startFails(dir)).toMatch(/tickboard: .*not a Tickboard data file/)
  })

  it('refuses an SQLite file from another application', async () => {
    const dir = tempDir()
    const other = new Database(join(dir, DATA_FILE))
    other.exec(
      'CREATE TABLE contact (id TEXT PRIMARY KEY, email TEXT); INSERT INTO contact VALUES (1, 2)'
    )
    other.close()
    expect(await startFails(dir)).toMatch(/tickboard: .*another application.*not a Tickboard/)
  })

  it('refuses a damaged Tickboard file', async () => {
    const dir = tempDir()
    const db = openDb(dir)
    fillContacts(db, 3000)
    db.close()
    const bytes = readFileSync(join(dir, DATA_FILE))
    for (let i = 4096 * 2; i < bytes.length; i += 4096) bytes.fill(0xa5, i + 8, i + 200)
    writeFileSync(join(dir, DATA_FILE), bytes)
    expect(await startFails(dir)).toMatch(/tickboard: .*(damaged|malformed|not a Tickboard)/)
  })

  it('refuses a file written by a newer Tickboard', async () => {
    const dir = tempDir()
    const db = openDb(dir)
    db.prepare('INSERT INTO schema_migration VALUES (9999, ?, ?, ?)').run('future', 'x', 0)
    db.close()
    expect(await startFails(dir)).toMatch(/tickboard: .*newer Tickboard/)
  })
})
