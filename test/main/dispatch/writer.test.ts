import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATA_FILE, openDb, type Db } from '../../../src/main/db/openDb'
import { createMessageRepo } from '../../../src/main/db/repos/messageRepo'
import { createDispatchWriter } from '../../../src/main/dispatch/writer'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
const NOW = 1_700_000_000_000

function seedQueued(db: Db, n: number): number[] {
  db.prepare(
    `INSERT INTO provider (id, type, name, callback_token, rate_per_second, created_at, updated_at)
     VALUES ('p1', 'sandbox', 'Sandbox', 'token', 80, ?, ?)`
  ).run(NOW, NOW)
  db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, qualified, created_at, updated_at)
     VALUES ('c1', 'C', 'p1', '{}', 'running', ?, ?, ?, ?)`
  ).run(NOW, n, NOW, NOW)
  const messages = createMessageRepo(db)
  const contact = db.prepare(
    `INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, NULL, '{}', ?, ?)`
  )
  for (let seq = 0; seq < n; seq++) {
    const phone = `+1555100${String(seq).padStart(4, '0')}`
    messages.insertQualified({
      campaignId: 'c1',
      contactId: Number(contact.run(phone, NOW, NOW).lastInsertRowid),
      phone,
      grp: 'target',
      seq,
      ourId: `our-${seq}`,
      params: '[]',
      dispatchState: 'queued',
      dispatchError: null,
      setAsideAt: null,
      dispatchedAt: null
    })
  }
  return db.prepare('SELECT id FROM message ORDER BY seq').pluck().all() as number[]
}

const states = (db: Db): unknown[] =>
  db.prepare('SELECT dispatch_state FROM message ORDER BY seq').pluck().all()

describe('dispatch writer', () => {
  it('keeps a batch SQLite refused (busy) and commits it on the next flush', () => {
    const dir = tempDir()
    const db = openDb(dir)
    db.pragma('busy_timeout = 0')
    const ids = seedQueued(db, 3)
    const writer = createDispatchWriter(createMessageRepo(db), { now: () => NOW })
    writer.markInFlight(ids)
    writer.record({ id: ids[0]!, kind: 'sent', providerMessageId: 'w0', at: NOW + 1, attempts: 1 })
    writer.record({ id: ids[1]!, kind: 'sent', providerMessageId: 'w1', at: NOW + 2, attempts: 1 })

    // Another connection holds the write lock, as a checkpoint or a backup can.
    const other = new Database(join(dir, DATA_FILE))
    other.exec('BEGIN IMMEDIATE')
    expect(() => writer.flush()).toThrow(/locked|busy/i)
    expect(writer.pendingCount()).toBe(2)
    writer.record({
      id: ids[2]!,
      kind: 'error',
      reason: 'invalid_request',
      code: '131009',
      message: 'bad',
      at: NOW + 3,
      attempts: 1
    })
    expect(states(db)).toEqual(['in_flight', 'in_flight', 'in_flight'])

    other.exec('ROLLBACK')
    other.close()
    writer.flush()
    expect(writer.pendingCount()).toBe(0)
    expect(states(db)).toEqual(['sent', 'sent', 'error'])
    expect(
      db.prepare('SELECT provider_message_id FROM message ORDER BY seq').pluck().all()
    ).toEqual(['w0', 'w1', null])
    db.close()
  })
})
