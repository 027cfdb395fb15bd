import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATA_FILE, openDb } from '../../../src/main/db/openDb'
import { fillContacts } from '../../helpers/fillContacts'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()

/** A data file with 3,000 contacts whose later pages are overwritten after a clean close. */
function damagedAfterCleanClose(): string {
  const dir = tempDir()
  const db = openDb(dir)
  fillContacts(db, 3000)
  db.close()
  const bytes = readFileSync(join(dir, DATA_FILE))
  // The last pages hold contact rows and index entries that opening never reads.
  for (let i = bytes.length - 4096 * 8; i < bytes.length; i += 4096)
    bytes.fill(0xa5, i + 8, i + 200)
  writeFileSync(join(dir, DATA_FILE), bytes)
  return dir
}

/** The pid of a process that has ended (it ran `node -e ''`). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8'
  })
  return Number(child.stdout)
}

const markers = (dir: string): string[] =>
  readdirSync(dir).filter((f) => f.startsWith(`${DATA_FILE}.open-`))

describe('openDb checks the whole file only after an unclean shutdown', () => {
  it('a clean close leaves no marker, and the next open reads no more than it needs', () => {
    const dir = damagedAfterCleanClose()
    expect(markers(dir)).toEqual([])
    // The damage is in pages opening never reads: without an unclean shutdown it is not looked for.
    const db = openDb(dir)
    expect(markers(dir)).toEqual([`${DATA_FILE}.open-${process.pid}`])
    db.close()
    expect(markers(dir)).toEqual([])
  })

  it('a marker left by a process that ended makes the next open check the whole file', () => {
    const dir = damagedAfterCleanClose()
    writeFileSync(join(dir, `${DATA_FILE}.open-${deadPid()}`), 'crashed\n')
    expect(() => openDb(dir)).toThrow(/is damaged/)
    // A failed check keeps the dead marker (and drops our own): the next open checks again.
    expect(markers(dir)).toHaveLength(1)
    expect(() => openDb(dir)).toThrow(/is damaged/)
  })

  it("a running process's marker is its own (the app beside npm run demo): no check", () => {
    const dir = damagedAfterCleanClose()
    const running = join(dir, `${DATA_FILE}.open-${process.ppid}`)
    writeFileSync(running, 'open\n')
    const db = openDb(dir)
    db.close()
    expect(existsSync(running)).toBe(true)
  })

  it('a dead marker on a sound file: checked, then removed', () => {
    const dir = tempDir()
    openDb(dir).close()
    writeFileSync(join(dir, `${DATA_FILE}.open-${deadPid()}`), 'crashed\n')
    const db = openDb(dir)
    expect(markers(dir)).toEqual([`${DATA_FILE}.open-${process.pid}`])
    db.close()
    expect(markers(dir)).toEqual([])
  })
})
