import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFake } from '../../fakes'
import { startServe, type ServeProcess } from '../../helpers/serveProcess'
import { useTempDirs } from '../../helpers/tempDir'
import { campaignDraft, contactsCsv, metaConfig, waitFor, type MetaFake } from './helpers'

const tempDir = useTempDirs()
let serve: ServeProcess | null = null
let fake: MetaFake | null = null
afterEach(async () => {
  await serve?.stop('SIGKILL')
  await fake?.close()
  serve = null
  fake = null
})

/** The admin of every start on the same data dir (the first start would print a new one). */
const TOKEN = 'dispatch-crash-token'

async function api<T>(route: string, body: unknown): Promise<T> {
  const res = await fetch(`${serve!.api}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body)
  })
  const json = (await res.json()) as T
  if (!res.ok) throw new Error(`${route}: ${JSON.stringify(json)}`)
  return json
}

interface View {
  status: string
  progress: { qualified: number; processed: number }
}

const N = 6000

describe('kill -9 during dispatch', () => {
  it('restarts on the same data dir, completes, never re-sends, and accounts for every recipient', async () => {
    const dataDir = tempDir()
    const args = ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo']
    fake = await startFake('meta', { latencyMs: 20 })
    serve = await startServe(args, { TICKBOARD_API_TOKEN: TOKEN })
    await api('contacts.import', { csv: contactsCsv(N) })
    const { id: providerId } = await api<{ id: string }>('providers.create', {
      type: 'meta',
      name: 'Meta fake',
      config: metaConfig(fake, { ratePerSecond: 400 })
    })
    const { id } = await api<{ id: string }>(
      'campaigns.create',
      campaignDraft(providerId, { controlGroupPercent: 10, ratePerSecond: 400 })
    )
    // No tunnel: callbacks reach the loopback listener directly, so readiness is overridden.
    await api('campaigns.launch', { id, overrideReadiness: true })
    const mid = await waitFor(
      () => api<View>('campaigns.get', { id }),
      (v) => v.progress.processed > 1500,
      60_000
    )
    expect(mid.status).toBe('running')
    await serve.stop('SIGKILL')
    const atKill = fake.requests.length
    expect(atKill).toBeLessThan(N)

    serve = await startServe(args, { TICKBOARD_API_TOKEN: TOKEN })
    const done = await waitFor(
      () => api<View>('campaigns.get', { id }),
      (v) => v.status === 'completed',
      120_000
    )
    expect(done.status).toBe('completed')
    await serve.stop('SIGTERM')
    serve = null

    const db = new Database(join(dataDir, 'tickboard.sqlite'), { readonly: true })
    const rows = db
      .prepare(
        `SELECT phone, grp, dispatch_state AS state, provider_message_id AS pid FROM message
         WHERE campaign_id = ?`
      )
      .all(id) as { phone: string; grp: string; state: string; pid: string | null }[]
    db.close()
    const count = (state: string) => rows.filter((r) => r.state === state).length
    expect(rows.length).toBe(N)
    expect(count('control') + count('sent') + count('error') + count('unknown')).toBe(N)
    expect(count('queued') + count('in_flight')).toBe(0)
    expect(count('error')).toBe(0)

    // No recipient was sent twice: rows in flight at the kill became "unknown", not re-sent.
    const received = new Map<string, number>()
    for (const r of fake.requests) received.set(r.to, (received.get(r.to) ?? 0) + 1)
    expect([...received.values()].filter((n) => n > 1)).toEqual([])
    const ids = new Set(fake.requests.map((r) => r.providerMessageId))
    for (const r of rows.filter((row) => row.state === 'sent')) expect(ids.has(r.pid!)).toBe(true)
    // Unknown rows are at most the requests that could be in flight, and each reached the
    // fake or never left; everything else the fake accepted is recorded as sent.
    expect(count('unknown')).toBeLessThanOrEqual(256)
    expect(count('sent') + count('unknown')).toBeGreaterThanOrEqual(fake.requests.length)
    expect(count('sent')).toBeLessThanOrEqual(fake.requests.length)
  }, 300_000)

  it('killed while qualifying the audience: restarts, finishes qualifying, one row per contact', async () => {
    const dataDir = tempDir()
    const args = ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo']
    const AUDIENCE = 40_000
    fake = await startFake('meta', { latencyMs: 20 })
    serve = await startServe(args, { TICKBOARD_API_TOKEN: TOKEN })
    await api('contacts.import', { csv: contactsCsv(AUDIENCE) })
    const { id: providerId } = await api<{ id: string }>('providers.create', {
      type: 'meta',
      name: 'Meta fake',
      config: metaConfig(fake, { ratePerSecond: 50 })
    })
    const { id } = await api<{ id: string }>(
      'campaigns.create',
      campaignDraft(providerId, { controlGroupPercent: 10, ratePerSecond: 50, limit: 30_000 })
    )
    const launched = await api<{ status: string }>('campaigns.launch', {
      id,
      overrideReadiness: true
    })
    expect(launched.status).toBe('qualifying')
    // The launch answered before the audience check counted it (expected 0 until then).
    const mid = await waitFor(
      () =>
        api<View & { progress: { qualifying?: { expected: number } } }>('campaigns.get', { id }),
      (v) => v.progress.qualifying?.expected !== 0,
      60_000
    )
    expect(mid.status).toBe('qualifying')
    expect(mid.progress.qualifying?.expected).toBe(AUDIENCE)
    await serve.stop('SIGKILL')

    serve = await startServe(args, { TICKBOARD_API_TOKEN: TOKEN })
    const after = await waitFor(
      () => api<View>('campaigns.get', { id }),
      (v) => v.status !== 'qualifying',
      120_000
    )
    expect(after.status).toBe('running')
    expect(after.progress.qualified).toBe(AUDIENCE)
    await api('campaigns.cancel', { id })
    await serve.stop('SIGTERM')
    serve = null

    const db = new Database(join(dataDir, 'tickboard.sqlite'), { readonly: true })
    const stats = db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT contact_id) AS contacts, COUNT(DISTINCT phone) AS phones,
           MIN(seq) AS first, MAX(seq) AS last, SUM(grp = 'target') AS target,
           SUM(dispatch_error = 'campaign_limit') AS limited
         FROM message WHERE campaign_id = ?`
      )
      .get(id) as Record<string, number>
    const jobs = db.prepare('SELECT COUNT(*) FROM qualify_job').pluck().get()
    db.close()
    expect(stats).toMatchObject({
      n: AUDIENCE,
      contacts: AUDIENCE,
      phones: AUDIENCE,
      first: 0,
      last: AUDIENCE - 1,
      limited: stats.target! - 30_000
    })
    expect(stats.target).toBeGreaterThan(30_000)
    expect(jobs).toBe(0)
  }, 300_000)
})
