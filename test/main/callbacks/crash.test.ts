import { afterEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/db/openDb'
import { seedCampaign } from '../../helpers/seedCampaign'
import { startServe, type ServeProcess } from '../../helpers/serveProcess'
import { useTempDirs } from '../../helpers/tempDir'
import { META_CONFIG, signMeta, statusBody } from './meta'

const MESSAGES = 3000

describe('kill -9 during a callback flood', () => {
  const tempDir = useTempDirs()
  const running: ServeProcess[] = []
  let db: Db | null = null
  afterEach(async () => {
    db?.close()
    db = null
    for (const s of running.splice(0)) await s.stop('SIGKILL')
  })

  async function serve(dir: string): Promise<ServeProcess> {
    const s = await startServe(['--data-dir', dir, '--port', '0', '--hooks-port', '0'], {
      TICKBOARD_API_TOKEN: 'callback-crash-token'
    })
    running.push(s)
    return s
  }

  it('applies every callback that got a 2xx after a restart', async () => {
    const dir = tempDir()
    const first = await serve(dir)
    const created = await fetch(`${first.api}/api/providers.create`, {
      method: 'POST',
      headers: { authorization: 'Bearer callback-crash-token' },
      body: JSON.stringify({ type: 'meta', name: 'Meta', config: META_CONFIG })
    })
    const provider = (await created.json()) as { id: string; callbackPath: string }
    db = openDb(dir)
    const sentAt = Date.UTC(2026, 10, 1)
    const { messages } = seedCampaign(db, { providerId: provider.id, count: MESSAGES, sentAt })

    // 24 concurrent senders, one signed `delivered` per message; kill -9 after 600 acks.
    const acked: number[] = []
    let next = 0
    let killed = false
    const sender = async (): Promise<void> => {
      while (next < MESSAGES) {
        const i = next++
        const m = messages[i]!
        const body = statusBody([
          {
            id: m.providerMessageId!,
            status: 'delivered',
            at: sentAt + 1000 * (i + 1),
            recipient: m.phone
          }
        ])
        try {
          const res = await fetch(`${first.hooks}${provider.callbackPath}`, {
            method: 'POST',
            headers: { 'x-hub-signature-256': signMeta(META_CONFIG.appSecret, body) },
            body
          })
          await res.arrayBuffer()
          if (res.status === 200) acked.push(i)
        } catch {
          // The process died under this request: it was never acknowledged.
        }
        if (acked.length >= 600 && !killed) {
          killed = true
          first.child.kill('SIGKILL')
        }
        if (killed) return
      }
    }
    await Promise.all(Array.from({ length: 24 }, sender))
    await new Promise<void>((r) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? r()
        : first.child.once('exit', () => r())
    )
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(acked.length).toBeGreaterThanOrEqual(600)

    // Restart on the same data: the processor applies whatever the dead process had not.
    await serve(dir)
    const pending = db.prepare(
      'SELECT COUNT(*) AS n FROM callback_inbox WHERE processed_at IS NULL'
    )
    const until = Date.now() + 20_000
    while ((pending.get() as { n: number }).n > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50))
    const delivered = new Set(
      (
        db.prepare("SELECT seq FROM message WHERE status = 'delivered'").all() as { seq: number }[]
      ).map((r) => r.seq)
    )
    const lost = acked.filter((i) => !delivered.has(i))
    expect(lost).toEqual([])
    // And nothing was applied twice or invented: only messages we sent callbacks for changed.
    expect(delivered.size).toBeLessThanOrEqual(next)
  })
})
