import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'
import { META_CONFIG, drained, postMeta, signMeta, statusBody } from './meta'

type Kind = 'bad_token' | 'bad_signature' | 'missing_signature' | 'malformed' | 'oversized'
const PLAN: [Kind, number, number][] = [
  ['bad_token', 475, 401],
  ['bad_signature', 475, 401],
  ['missing_signature', 475, 401],
  ['malformed', 475, 400],
  ['oversized', 100, 413]
]

describe('hostile callback traffic', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('refuses 2,000 hostile requests with the right 4xx, changes nothing, counts each reason', async () => {
    t = (await startTestEngine(tempDir())) as TestEngine
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: META_CONFIG
    })
    const db = t.engine.db
    const hooks = t.engine.hooksBase()!
    const { messages } = seedCampaign(db, {
      providerId: provider.id,
      count: 50,
      sentAt: Date.UTC(2026, 10, 1)
    })
    const snapshot = () => db.prepare('SELECT * FROM message ORDER BY id').all()
    const before = snapshot()
    const [, , id] = provider.callbackPath.split('/')
    // Bodies that WOULD change state if accepted: read statuses for real messages.
    const real = (i: number) =>
      statusBody([
        {
          id: messages[i % 50]!.providerMessageId!,
          status: 'read',
          at: Date.now(),
          recipient: messages[i % 50]!.phone
        }
      ])
    const big = Buffer.alloc(2 * 1024 * 1024, 0x7b)
    const requests: { kind: Kind; expected: number; run: () => Promise<number> }[] = []
    const post = async (path: string, body: string | Buffer, headers: Record<string, string>) => {
      const res = await fetch(`${hooks}${path}`, { method: 'POST', headers, body })
      await res.arrayBuffer()
      return res.status
    }
    for (const [kind, n, expected] of PLAN)
      for (let i = 0; i < n; i++) {
        const body = real(i)
        const run = {
          bad_token: () =>
            post(`/hooks/${id}/guess-${i}`, body, {
              'x-hub-signature-256': signMeta(META_CONFIG.appSecret, body)
            }),
          bad_signature: () =>
            post(provider.callbackPath, body, {
              'x-hub-signature-256': signMeta('not-the-secret', body)
            }),
          missing_signature: () => post(provider.callbackPath, body, {}),
          malformed: () => {
            // Bodies that do not parse at all (a signed body that parses is never refused).
            const junk =
              i % 2 ? `{"object":"whatsapp_business_account","entry":[${i}` : `<xml>${i}</xml>`
            return post(provider.callbackPath, junk, {
              'x-hub-signature-256': signMeta(META_CONFIG.appSecret, junk)
            })
          },
          oversized: () =>
            post(provider.callbackPath, big, {
              'x-hub-signature-256': signMeta(META_CONFIG.appSecret, big)
            })
        }[kind]
        requests.push({ kind, expected, run })
      }
    // Interleave the kinds (a fixed stride through the list), 16 in flight.
    const order = requests.map((_, k) => (k * 7) % requests.length)
    let next = 0
    const wrong: string[] = []
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < requests.length) {
          const r = requests[order[next++]!]!
          const status = await r.run()
          if (status !== r.expected) wrong.push(`${r.kind}: ${status}`)
        }
      })
    )
    expect(requests).toHaveLength(2000)
    expect(wrong).toEqual([])
    await new Promise((r) => setTimeout(r, 100))
    await drained(db)
    expect(snapshot()).toEqual(before)
    const health = await t.call('callbacks.health', {})
    expect(health.rejected).toEqual(Object.fromEntries(PLAN.map(([kind, n]) => [kind, n])))
    expect(health.received).toBe(0)
    // Diagnostics stay bounded: counters plus the latest samples only.
    const samples = db.prepare('SELECT COUNT(*) AS n FROM callback_rejection').get() as {
      n: number
    }
    expect(samples.n).toBeLessThanOrEqual(500)
    // The engine is still up and still accepts a good callback.
    expect(await postMeta(hooks, provider.callbackPath, real(3))).toBe(200)
    await drained(db)
    expect(db.prepare('SELECT status FROM message WHERE id = ?').get(messages[3]!.id)).toEqual({
      status: 'read'
    })
  })
})
