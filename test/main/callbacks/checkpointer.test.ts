import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startCheckpointer, type CheckpointReport } from '../../../src/main/db/checkpointer'
import { openDb } from '../../../src/main/db/openDb'
import { useTempDirs } from '../../helpers/tempDir'

describe('background WAL checkpoints', () => {
  const tempDir = useTempDirs()

  it('checkpoints from a worker thread and gives checkpoints back to SQLite on stop', async () => {
    const db = openDb(tempDir())
    const reports: CheckpointReport[] = []
    const checkpointer = startCheckpointer(db, { intervalMs: 50, onReport: (r) => reports.push(r) })
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const insert = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)')
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`k${i}`, 'x'.repeat(500))
    })()
    const until = Date.now() + 10_000
    // A PASSIVE checkpoint may copy part of the WAL first; wait for one that copied all of it.
    // The worker runs beside this thread, so a checkpoint of the migrations' WAL alone (~500 KB)
    // can report complete after the insert committed: only a WAL that holds the rows counts.
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const complete = (r: CheckpointReport): boolean =>
      r.ok && (r.checkpointed ?? 0) * pageSize > 2_000_000 && r.checkpointed === r.walPages
    while (!reports.some(complete)) {
      if (Date.now() > until) throw new Error(`no checkpoint: ${JSON.stringify(reports)}`)
      await new Promise((r) => setTimeout(r, 20))
    }
    // The data file holds the rows: the checkpoint copied the WAL into it.
    expect(statSync(db.name).size).toBeGreaterThan(2_000_000)
    await checkpointer.stop()
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    db.close()
  })
})
