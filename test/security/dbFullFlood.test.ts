import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DATA_FILE } from '../../src/main/db/openDb'
import { seedCampaign } from '../helpers/seedCampaign'
import { startTestEngine } from '../helpers/engine'
import { useTempDirs } from '../helpers/tempDir'
import { META_CONFIG, signMeta, statusBody } from '../main/callbacks/meta'

const CALLBACKS = 600
const SENDERS = 24
/** Room left in the data file when the flood starts: enough for some callbacks, not all. */
const SPARE_PAGES = 30

/**
 * Acceptance (issue #7): the database fills up (`PRAGMA max_page_count`) while signed callbacks
 * pour in. Every callback answered 2xx is in the inbox; every other one got 503 (so the provider
 * retries) and left nothing behind. Once space is back, the retries are all stored.
 */
describe('database full during a callback flood', () => {
  const tempDir = useTempDirs()

  it('stores every 2xx-acknowledged callback and answers 503 for the rest', async () => {
    const logged: string[] = []
    const { engine, call } = await startTestEngine(tempDir(), {
      log: (message) => logged.push(message)
    })
    try {
      const provider = await call('providers.create', {
        type: 'meta',
        name: 'Meta',
        config: META_CONFIG
      })
      const db = engine.db
      const sentAt = Date.UTC(2026, 10, 1)
      const { messages } = seedCampaign(db, { providerId: provider.id, count: CALLBACKS, sentAt })
      const hooks = `http://127.0.0.1:${engine.hooksPort}${provider.callbackPath}`
      const bodyOf = (i: number): string =>
        statusBody([
          {
            id: messages[i]!.providerMessageId!,
            status: 'delivered',
            at: sentAt + 1000 * (i + 1),
            recipient: messages[i]!.phone
          }
        ])
      const post = async (i: number): Promise<number> => {
        const body = bodyOf(i)
        const res = await fetch(hooks, {
          method: 'POST',
          headers: { 'x-hub-signature-256': signMeta(META_CONFIG.appSecret, body) },
          body
        })
        await res.arrayBuffer()
        return res.status
      }

      db.pragma('wal_checkpoint(TRUNCATE)')
      const pages = db.pragma('page_count', { simple: true }) as number
      db.pragma(`max_page_count = ${pages + SPARE_PAGES}`)

      const status = new Map<number, number>()
      let next = 0
      await Promise.all(
        Array.from({ length: SENDERS }, async () => {
          while (next < CALLBACKS) {
            const i = next++
            status.set(i, await post(i))
          }
        })
      )
      const acked = [...status].filter(([, s]) => s >= 200 && s < 300).map(([i]) => i)
      const refused = [...status].filter(([, s]) => s === 503).map(([i]) => i)
      expect(acked.length + refused.length, 'only 2xx or 503 answers').toBe(CALLBACKS)
      expect(acked.length).toBeGreaterThan(0)
      expect(refused.length, 'the database did fill up').toBeGreaterThan(0)
      expect(logged.some((m) => /commit of \d+ failed; answering 503/.test(m))).toBe(true)

      const storedIds = (): Set<string> =>
        new Set(
          (db.prepare('SELECT raw_body FROM callback_inbox').pluck().all() as Buffer[]).map(
            (raw) => {
              const value = JSON.parse(raw.toString('utf8')).entry[0].changes[0].value
              return value.statuses[0].id as string
            }
          )
        )
      const stored = storedIds()
      for (const i of acked)
        expect(stored.has(messages[i]!.providerMessageId!), `acked #${i}`).toBe(true)
      // Nothing half-written: a refused callback's batch rolled back entirely.
      for (const i of refused)
        expect(stored.has(messages[i]!.providerMessageId!), `refused #${i}`).toBe(false)
      expect(stored.size).toBe(acked.length)

      // Space comes back; the provider retries what it was refused, and all of it lands.
      db.pragma('max_page_count = 1073741823')
      const retried = [...refused]
      const retryAnswers: number[] = []
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = retried.pop(); i !== undefined; i = retried.pop())
            retryAnswers.push(await post(i))
        })
      )
      expect(retryAnswers.every((s) => s === 200)).toBe(true)
      expect(storedIds().size).toBe(CALLBACKS)
    } finally {
      await engine.close()
    }
  })
  it('answers 503 while another process holds the write lock, and stores the retries', async () => {
    const dir = tempDir()
    const { engine, call } = await startTestEngine(dir)
    const other = new Database(join(dir, DATA_FILE))
    try {
      const provider = await call('providers.create', {
        type: 'meta',
        name: 'Meta',
        config: META_CONFIG
      })
      const hooks = `http://127.0.0.1:${engine.hooksPort}${provider.callbackPath}`
      const post = async (i: number): Promise<number> => {
        const body = statusBody([
          {
            id: `wamid.locked-${i}`,
            status: 'read',
            at: Date.UTC(2026, 10, 2) + i,
            recipient: '+919876500001'
          }
        ])
        const res = await fetch(hooks, {
          method: 'POST',
          headers: { 'x-hub-signature-256': signMeta(META_CONFIG.appSecret, body) },
          body
        })
        await res.arrayBuffer()
        return res.status
      }
      const inbox = () =>
        engine.db.prepare('SELECT COUNT(*) FROM callback_inbox').pluck().get() as number
      const before = inbox()
      // Another writer holds the lock past the engine's busy timeout (5 s). Each refused batch
      // waits that long, so only two callbacks are sent while locked.
      other.exec('BEGIN IMMEDIATE')
      const locked = await Promise.all(Array.from({ length: 2 }, (_, i) => post(i)))
      other.exec('ROLLBACK')
      expect(locked.every((s) => s === 503)).toBe(true)
      expect(inbox()).toBe(before)
      const retried = await Promise.all(Array.from({ length: 2 }, (_, i) => post(i)))
      expect(retried.every((s) => s === 200)).toBe(true)
      expect(inbox()).toBe(before + 2)
    } finally {
      other.close()
      await engine.close()
    }
  })
})
