import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DATA_FILE } from '../../../src/main/db/openDb'
import { applyStagedRestore, STAGED_FILE } from '../../../src/main/db/restore'
import { startTestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

const csv = (from: number, n: number): string =>
  `phone,name\n${Array.from({ length: n }, (_, i) => `+9198765${String(from + i).padStart(5, '0')},C${from + i}`).join('\n')}\n`

function countContacts(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('SELECT COUNT(*) FROM contact').pluck().get() as number
  } finally {
    db.close()
  }
}

describe('data.backup and data.restore', () => {
  const tempDir = useTempDirs()

  it('backs up the live file while the engine runs, into backups/ under its time or a name', async () => {
    const dir = tempDir()
    const { engine, call } = await startTestEngine(dir)
    try {
      await call('contacts.import', { csv: csv(0, 250) })
      const auto = await call('data.backup', {})
      expect(auto.path).toMatch(/backups[/\\]tickboard-.*\.sqlite$/)
      expect(auto.bytes).toBeGreaterThan(0)
      expect(countContacts(auto.path)).toBe(250)

      const chosen = join(dir, 'backups', 'before-upgrade.sqlite')
      const out = await call('data.backup', { name: 'before-upgrade' })
      expect(out).toEqual({ path: chosen, bytes: readFileSync(chosen).length })
      expect(countContacts(chosen)).toBe(250)
      expect(readdirSync(join(chosen, '..')).filter((f) => f.includes('.partial-'))).toEqual([])

      // The same name again is refused until the call says overwrite; then it is replaced.
      await call('contacts.import', { csv: csv(1000, 10) })
      const again = await engine.invoke('data.backup', { name: 'before-upgrade.sqlite' })
      expect(again.ok || again.error).toMatchObject({
        code: 'conflict',
        message: `${chosen} exists; pass overwrite: true to replace it`
      })
      expect(countContacts(chosen)).toBe(250)
      await call('data.backup', { name: 'before-upgrade', overwrite: true })
      expect(countContacts(chosen)).toBe(260)

      const listed = await call('data.backups', {})
      expect(listed.backups.map((b) => b.name).sort()).toEqual(
        [auto.path.split(/[/\\]/).pop(), 'before-upgrade.sqlite'].sort()
      )

      const refused = [
        await engine.invoke('data.backup', { name: `../${DATA_FILE}` }),
        await engine.invoke('data.backup', { name: join(tempDir(), 'x.sqlite') }),
        await engine.invoke('data.backup', { name: '.hidden' }),
        await engine.invoke('data.backup', { name: 'a\0b' }),
        await engine.invoke('data.backup', { path: join(tempDir(), 'x.sqlite') })
      ]
      for (const r of refused) {
        expect(r.ok).toBe(false)
        if (!r.ok) expect(r.error.code).toBe('invalid_input')
      }
    } finally {
      await engine.close()
    }
  })

  it('stages a checked backup and swaps it in on the next start, keeping the current file', async () => {
    const dir = tempDir()
    const first = await startTestEngine(dir)
    let backupPath: string
    try {
      await first.call('contacts.import', { csv: csv(0, 30) })
      backupPath = (await first.call('data.backup', {})).path
      await first.call('contacts.import', { csv: csv(100, 20) })
      const name = backupPath.split(/[/\\]/).pop()!
      const staged = await first.call('data.restore', { name })
      expect(staged).toMatchObject({ staged: true, restartRequired: true })
      expect(staged.message).toMatch(/Restart/)
      // Nothing changes until the restart.
      expect((await first.call('contacts.list', { limit: 1 })).total).toBe(50)
    } finally {
      await first.engine.close()
    }
    const second = await startTestEngine(dir)
    try {
      expect((await second.call('contacts.list', { limit: 1 })).total).toBe(30)
      expect(existsSync(join(dir, STAGED_FILE))).toBe(false)
      const kept = (await second.call('data.backups', {})).backups.find((b) =>
        b.path.includes('before-restore-')
      )
      expect(kept).toBeDefined()
      expect(countContacts(kept!.path)).toBe(50)
    } finally {
      await second.engine.close()
    }
  })

  it('refuses foreign, damaged and newer files with a clear message and stages nothing', async () => {
    const dir = tempDir()
    const { engine, call } = await startTestEngine(dir)
    try {
      await call('contacts.import', { csv: csv(0, 5) })
      const good = (await call('data.backup', {})).path
      const other = join(dir, 'backups')

      const text = join(other, 'notes.sqlite')
      writeFileSync(text, 'phone,name\n+15550100,Ann\n')
      const foreign = join(other, 'foreign.sqlite')
      const fdb = new Database(foreign)
      fdb.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
      fdb.close()
      const damaged = join(other, 'damaged.sqlite')
      const bytes = readFileSync(good)
      // Keep the header, scribble over the schema and data pages.
      for (let i = 100; i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff
      writeFileSync(damaged, bytes)
      const newer = join(other, 'newer.sqlite')
      writeFileSync(newer, readFileSync(good))
      const ndb = new Database(newer)
      ndb
        .prepare('INSERT INTO schema_migration VALUES (9999, ?, ?, ?)')
        .run('from_the_future', 'x', Date.now())
      ndb.close()

      const cases: [string, RegExp][] = [
        [text, /not an SQLite database/],
        [foreign, /not a Tickboard data file/],
        [damaged, /damaged|malformed|not a database|cannot be opened|Cannot restore/],
        [newer, /newer Tickboard/],
        [join(other, 'missing.sqlite'), /No backup file/],
        [`../${DATA_FILE}`, /a file name in the backups folder/],
        [join(dir, DATA_FILE), /a file name in the backups folder/]
      ]
      for (const [path, message] of cases) {
        const r = await engine.invoke('data.restore', {
          name: path.startsWith(other) ? path.slice(other.length + 1) : path
        })
        expect(r.ok, path).toBe(false)
        if (!r.ok) {
          expect(r.error.code, path).toBe('invalid_input')
          expect(r.error.message, path).toMatch(message)
        }
        expect(
          readdirSync(dir).filter((f) => f.startsWith('restore-pending')),
          path
        ).toEqual([])
      }
      expect((await call('contacts.list', { limit: 1 })).total).toBe(5)
    } finally {
      await engine.close()
    }
  })

  it('resumes an interrupted swap: the live file already moved away, the staged one not yet in', () => {
    const dir = tempDir()
    writeFileSync(join(dir, STAGED_FILE), 'staged')
    expect(applyStagedRestore(dir)).toBeNull()
    expect(readFileSync(join(dir, DATA_FILE), 'utf8')).toBe('staged')
    expect(applyStagedRestore(dir)).toBeNull()

    writeFileSync(join(dir, STAGED_FILE), 'second')
    writeFileSync(join(dir, `${DATA_FILE}-wal`), 'wal of the current file')
    const kept = applyStagedRestore(dir)!
    expect(readFileSync(kept, 'utf8')).toBe('staged')
    expect(readFileSync(`${kept}-wal`, 'utf8')).toBe('wal of the current file')
    expect(readFileSync(join(dir, DATA_FILE), 'utf8')).toBe('second')
    expect(existsSync(join(dir, `${DATA_FILE}-wal`))).toBe(false)
  })
})
