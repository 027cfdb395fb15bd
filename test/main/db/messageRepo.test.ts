import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/db/openDb'
import { createMessageRepo } from '../../../src/main/db/repos/messageRepo'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
const SRC = join(__dirname, '../../../src')
const REPO_FILE = 'main/db/repos/messageRepo.ts'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

function seed(db: Db, states: string[]): number[] {
  const now = 1_700_000_000_000
  db.prepare(
    `INSERT INTO provider (id, type, name, callback_token, rate_per_second, created_at, updated_at)
     VALUES ('p1', 'sandbox', 'Sandbox', 'token', 80, ?, ?)`
  ).run(now, now)
  db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, qualified, created_at, updated_at)
     VALUES ('c1', 'C', 'p1', '{}', 'running', ?, ?, ?, ?)`
  ).run(now, states.length, now, now)
  const messages = createMessageRepo(db)
  return states.map((state, seq) => {
    const contactId = Number(
      db
        .prepare(
          `INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, NULL, '{}', ?, ?)`
        )
        .run(`+1555000${String(seq).padStart(4, '0')}`, now, now).lastInsertRowid
    )
    messages.insertQualified({
      campaignId: 'c1',
      contactId,
      phone: `+1555000${String(seq).padStart(4, '0')}`,
      grp: 'target',
      seq,
      ourId: `our-${seq}`,
      params: '[]',
      dispatchState: 'queued',
      dispatchError: null,
      setAsideAt: null,
      dispatchedAt: null
    })
    const id = Number(db.prepare('SELECT id FROM message WHERE seq = ?').pluck().get(seq))
    if (state !== 'queued')
      db.prepare('UPDATE message SET dispatch_state = ? WHERE id = ?').run(state, id)
    return id
  })
}

const stateOf = (db: Db, id: number): unknown =>
  db.prepare('SELECT dispatch_state FROM message WHERE id = ?').pluck().get(id)

describe('message repository', () => {
  it('is the only module of src that writes the message table', () => {
    const writers = sourceFiles(SRC)
      .filter((file) =>
        /\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+message\b/i.test(
          readFileSync(file, 'utf8')
        )
      )
      .map((file) => relative(SRC, file))
    expect(writers).toEqual([REPO_FILE])
  })

  it('marks queued rows in flight, then commits a batch of outcomes', () => {
    const db = openDb(tempDir())
    const messages = createMessageRepo(db)
    const [a, b, c] = seed(db, ['queued', 'queued', 'queued'])
    messages.markInFlight([a!, b!, c!], 1000)
    expect([a, b, c].map((id) => stateOf(db, id!))).toEqual(['in_flight', 'in_flight', 'in_flight'])
    messages.recordOutcomes([
      { id: a!, kind: 'sent', providerMessageId: 'wamid.a', at: 1100, attempts: 1 },
      {
        id: b!,
        kind: 'error',
        reason: 'invalid_request',
        code: '131009',
        message: 'x'.repeat(1500),
        at: 1200,
        attempts: 1
      },
      { id: c!, kind: 'requeue', attempts: 2 }
    ])
    expect(db.prepare('SELECT * FROM message WHERE id = ?').get(a)).toMatchObject({
      dispatch_state: 'sent',
      provider_message_id: 'wamid.a',
      sent_at: 1100
    })
    const error = db.prepare('SELECT * FROM message WHERE id = ?').get(b) as Record<string, unknown>
    expect(error).toMatchObject({ dispatch_state: 'error', dispatch_error: 'invalid_request' })
    expect((error.provider_error as string).length).toBe(1000)
    expect(db.prepare('SELECT * FROM message WHERE id = ?').get(c)).toMatchObject({
      dispatch_state: 'queued',
      attempts: 2
    })
    db.close()
  })

  it('cancels only queued rows, at most `limit` at a time, and turns interrupted rows into outcome unknown', () => {
    const db = openDb(tempDir())
    const messages = createMessageRepo(db)
    const [queued, inFlight, sent, queued2, queued3] = seed(db, [
      'queued',
      'in_flight',
      'sent',
      'queued',
      'queued'
    ])
    expect(messages.cancelQueued('c1', 5000, 2)).toBe(2)
    expect(messages.cancelQueued('c1', 5000, 2)).toBe(1)
    expect(messages.cancelQueued('c1', 5000, 2)).toBe(0)
    for (const id of [queued, queued2, queued3]) {
      expect(stateOf(db, id!)).toBe('error')
      expect(
        db.prepare('SELECT dispatch_error, dispatched_at FROM message WHERE id = ?').get(id)
      ).toEqual({ dispatch_error: 'cancelled', dispatched_at: 5000 })
    }
    expect(messages.markInterruptedUnknown()).toBe(1)
    expect(stateOf(db, inFlight!)).toBe('unknown')
    expect(stateOf(db, sent!)).toBe('sent')
  })

  it('reconciles unknown and timed-out rows into sent, never a refusal the provider answered', () => {
    const db = openDb(tempDir())
    const messages = createMessageRepo(db)
    const [unknown, timeout, refused] = seed(db, ['unknown', 'error', 'error'])
    db.prepare("UPDATE message SET dispatch_error = 'timeout' WHERE id = ?").run(timeout)
    db.prepare("UPDATE message SET dispatch_error = 'invalid_request' WHERE id = ?").run(refused)
    expect(messages.reconcileUnknown(unknown!, 7000)).toBe(true)
    expect(messages.reconcileUnknown(timeout!, 7000)).toBe(true)
    expect(messages.reconcileUnknown(refused!, 7000)).toBe(false)
    expect(messages.reconcileUnknown(unknown!, 8000)).toBe(false)
    expect(db.prepare('SELECT sent_at FROM message WHERE id = ?').pluck().get(unknown)).toBe(7000)
    expect(stateOf(db, refused!)).toBe('error')
  })
})

describe("message repository: the Sandbox's reads", () => {
  it('finds the campaign and contact sent under our id, and pages control rows after a cursor', () => {
    const db = openDb(tempDir())
    const messages = createMessageRepo(db)
    const ids = seed(db, ['control', 'queued', 'control', 'control', 'sent', 'control'])
    const contactOf = (id: number): unknown =>
      db.prepare('SELECT contact_id FROM message WHERE id = ?').pluck().get(id)
    expect(messages.sandboxTarget('our-1')).toEqual({
      campaign_id: 'c1',
      contact_id: contactOf(ids[1]!)
    })
    expect(messages.sandboxTarget('no-such-id')).toBeUndefined()
    // Control rows only, in seq order, after the cursor, at most `limit`.
    const first = messages.controlsAfter('c1', -1, 2)
    expect(first).toEqual([
      { seq: 0, contact_id: contactOf(ids[0]!) },
      { seq: 2, contact_id: contactOf(ids[2]!) }
    ])
    expect(messages.controlsAfter('c1', first[1]!.seq, 10).map((r) => r.seq)).toEqual([3, 5])
    expect(messages.controlsAfter('c1', 5, 10)).toEqual([])
    expect(messages.controlsAfter('other', -1, 10)).toEqual([])
    db.close()
  })
})
