import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { copyFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

/** deploy/backup.mjs, the command of tickboard-backup.service (run nightly by its timer). */
const tempDir = useTempDirs()
const TOKEN = 'b'.repeat(64)
let serve: ServeProcess | null = null
afterEach(async () => {
  await serve?.stop('SIGTERM')
  serve = null
})

function runBackup(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [resolve('deploy/backup.mjs')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: run.status, output: run.stdout + run.stderr }
}

describe('scheduled backups (deploy/backup.mjs)', () => {
  it('backs up through data.backup into <data>/backups and keeps the newest N scheduled ones', async () => {
    const dataDir = tempDir()
    serve = await startServe(['--data-dir', dataDir], { TICKBOARD_API_TOKEN: TOKEN })
    const port = new URL(serve.api).port
    const env = {
      TICKBOARD_PORT: port,
      TICKBOARD_API_TOKEN: TOKEN,
      TICKBOARD_DATA_DIR: dataDir,
      TICKBOARD_BACKUP_KEEP: '2'
    }
    const byHand = await fetch(`${serve.api}/api/data.backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'before-the-launch.sqlite' })
    })
    expect(byHand.status).toBe(200)
    const outputs: string[] = []
    for (let i = 0; i < 3; i++) {
      const run = runBackup(env)
      expect(run.code, run.output).toBe(0)
      outputs.push(run.output)
      // Names carry the second: the timer runs once a night, the test once a second.
      await new Promise((r) => setTimeout(r, 1100))
    }
    const backups = join(dataDir, 'backups')
    const names = readdirSync(backups).sort()
    const scheduled = names.filter((n) => n.startsWith('scheduled-'))
    expect(scheduled).toHaveLength(2)
    for (const n of scheduled) expect(n).toMatch(/^scheduled-\d{8}T\d{6}Z\.sqlite$/)
    // The backup made by hand is never pruned; nothing was written outside backups/.
    expect(names).toContain('before-the-launch.sqlite')
    expect(names).toHaveLength(3)
    expect(outputs[2]).toMatch(/pruned scheduled-\d{8}T\d{6}Z\.sqlite \(keeping the newest 2/)
    expect(outputs[0]).not.toMatch(/pruned/)
    // A backup is a whole data file: the demo contacts are in it (read from a copy: opening a
    // WAL file leaves -wal and -shm beside it).
    const copy = join(tempDir(), 'copy.sqlite')
    copyFileSync(join(backups, scheduled.at(-1)!), copy)
    const db = new Database(copy, { readonly: true })
    expect(db.prepare('SELECT COUNT(*) FROM contact').pluck().get()).toBeGreaterThan(1000)
    db.close()

    // A wrong token or a stopped engine: a failed unit with the engine's reason.
    const refused = runBackup({ ...env, TICKBOARD_API_TOKEN: 'wrong' })
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/^backup: data\.backup: /)
    await serve.stop('SIGTERM')
    serve = null
    const down = runBackup(env)
    expect(down.code).toBe(1)
    expect(down.output).toMatch(/^backup: /)
    expect(readdirSync(backups)).toHaveLength(3)
  }, 60_000)

  it('refuses to run without its settings', () => {
    const run = runBackup({ TICKBOARD_PORT: '1' })
    expect(run.code).toBe(2)
    expect(run.output).toMatch(/needs TICKBOARD_PORT, TICKBOARD_DATA_DIR/)
  })
})
