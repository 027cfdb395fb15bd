import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFake } from '../fakes'
import {
  campaignDraft,
  contactsCsv,
  metaConfig,
  waitFor,
  type MetaFake
} from '../main/dispatch/helpers'
import { useTempDirs } from '../helpers/tempDir'
import {
  readEnvFile,
  readUnit,
  seconds,
  supervise,
  type Supervised
} from '../helpers/unitSupervisor'

/**
 * deploy/tickboard.service, run. PID 1 here is not systemd, so the unit runs under
 * test/helpers/unitSupervisor: its ExecStart, environment, ExecStartPost, Restart and stop
 * directives applied as systemd applies them (the sandboxing is checked by systemd-analyze).
 */
const tempDir = useTempDirs()
const UNIT_FILE = resolve('deploy/tickboard.service')
const unit = readUnit(UNIT_FILE)
const service = unit.Service!
let supervised: Supervised | null = null
let fake: MetaFake | null = null
afterEach(async () => {
  if (supervised) await supervised.stop()
  await fake?.close()
  supervised = null
  fake = null
})

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

/** The installation's /etc/tickboard/tickboard.env: the example with this test's folder and ports. */
async function environment(dataDir: string): Promise<Record<string, string>> {
  const example = readEnvFile(readFileSync('deploy/tickboard.env.example', 'utf8'))
  const hooksPort = await freePort()
  mkdirSync(join(dataDir, 'exports'), { recursive: true })
  return {
    ...example,
    TICKBOARD_API_TOKEN: randomBytes(32).toString('hex'),
    TICKBOARD_SECRET_KEY: randomBytes(32).toString('hex'),
    TICKBOARD_DATA_DIR: dataDir,
    TICKBOARD_EXPORTS_DIR: join(dataDir, 'exports'),
    TICKBOARD_PORT: String(await freePort()),
    TICKBOARD_HOOKS_PORT: String(hooksPort),
    // No proxy in the test: the public URL is the hooks listener the proxy's /hooks/ reaches.
    TICKBOARD_PUBLIC_URL: `http://127.0.0.1:${hooksPort}`
  }
}

describe('deploy/tickboard.service', () => {
  it('runs serve on loopback with a fixed public URL, no tunnel, restarts, stops with SIGTERM', () => {
    expect(service.ExecStart![0]).toMatch(/^\/usr\/bin\/node out\/main\/serve\.js /)
    const start = service.ExecStart![0]!
    expect(start).toContain('--host 127.0.0.1')
    expect(start).toContain('--public-url ${TICKBOARD_PUBLIC_URL}')
    expect(start).toContain('--data-dir ${TICKBOARD_DATA_DIR}')
    expect(start).not.toMatch(/tunnel/)
    expect(service.EnvironmentFile).toEqual(['/etc/tickboard/tickboard.env'])
    expect(service.Restart).toEqual(['always'])
    expect(service.KillSignal).toEqual(['SIGTERM'])
    expect(seconds(service.TimeoutStopSec![0]!)).toBeGreaterThanOrEqual(20)
    expect(service.User).toEqual(['tickboard'])
    expect(service.NoNewPrivileges).toEqual(['true'])
    expect(service.ProtectSystem).toEqual(['strict'])
    // The data folder of the example environment is the one writable path.
    const example = readEnvFile(readFileSync('deploy/tickboard.env.example', 'utf8'))
    expect(service.ReadWritePaths).toEqual([example.TICKBOARD_DATA_DIR])
    for (const [, name] of start.matchAll(/\$\{(\w+)\}/g)) expect(example[name!]).toBeTruthy()
  })

  it('systemd-analyze verify has nothing to say about the units (and does about a broken one)', () => {
    const dir = tempDir()
    const units = ['tickboard.service', 'tickboard-backup.service', 'tickboard-backup.timer']
    for (const name of units) copyFileSync(join('deploy', name), join(dir, name))
    const verify = (names: string[]) =>
      spawnSync('systemd-analyze', ['verify', ...names.map((n) => join(dir, n))], {
        encoding: 'utf8',
        timeout: 60_000
      })
    const ours = verify(units)
    expect(ours.error).toBeUndefined()
    expect(ours.stdout + ours.stderr).toBe('')
    const broken = readFileSync(join(dir, 'tickboard.service'), 'utf8')
      .replace('Restart=always', 'Restart=sometimes')
      .replace('KillMode=mixed', 'KillMod=mixed')
    writeFileSync(join(dir, 'broken.service'), broken)
    const bad = verify(['broken.service'])
    expect(bad.stderr).toMatch(/restart specifier.*sometimes/)
    expect(bad.stderr).toMatch(/Unknown key 'KillMod'/)
  })

  it('mid-campaign: a crash (SIGKILL) and a restart (SIGTERM) lose no send and no callback', async () => {
    const dataDir = tempDir()
    const env = await environment(dataDir)
    expect(existsSync('out/main/serve.js'), 'run `npx electron-vite build` first').toBe(true)
    supervised = supervise(unit, { env, cwd: process.cwd() })
    await supervised.started(0)
    const base = `http://127.0.0.1:${env.TICKBOARD_PORT}`
    async function api<T>(route: string, body: unknown): Promise<T> {
      const res = await fetch(`${base}/api/${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${env.TICKBOARD_API_TOKEN}`
        },
        body: JSON.stringify(body)
      })
      const json = (await res.json()) as T
      if (!res.ok) throw new Error(`${route}: ${JSON.stringify(json)}`)
      return json
    }
    const N = 3000
    fake = await startFake('meta', { latencyMs: 20 })
    await api('contacts.import', { csv: contactsCsv(N) })
    const provider = await api<{ id: string; callbackUrl: string }>('providers.create', {
      type: 'meta',
      name: 'Meta fake',
      config: metaConfig(fake, { ratePerSecond: 150 })
    })
    // Callback URLs are built on the fixed public URL, not a tunnel's.
    expect(provider.callbackUrl.startsWith(`${env.TICKBOARD_PUBLIC_URL}/hooks/`)).toBe(true)
    const { id } = await api<{ id: string }>(
      'campaigns.create',
      campaignDraft(provider.id, { ratePerSecond: 150 })
    )
    await api('campaigns.launch', { id, overrideReadiness: true })

    // The provider's side: a `delivered` for every message it accepted, posted to the callback
    // URL in batches, again until acknowledged (as Meta retries), through both restarts.
    const acked = new Set<string>()
    let pumping = true
    const pump = (async () => {
      while (pumping || acked.size < fake!.requests.length) {
        const due = fake!.requests.filter((r) => !acked.has(r.providerMessageId)).slice(0, 100)
        if (due.length) {
          const events = due.map((r) => ({
            kind: 'status' as const,
            id: r.providerMessageId,
            status: 'delivered'
          }))
          const [status] = await fake!.emit(events, { url: provider.callbackUrl, batch: true })
          if (status === 200) for (const r of due) acked.add(r.providerMessageId)
        }
        await new Promise((r) => setTimeout(r, 100))
      }
    })()
    const progress = () =>
      api<{ status: string; progress: { processed: number } }>('campaigns.get', { id }).catch(
        () => null
      )

    await waitFor(progress, (v) => (v?.progress.processed ?? 0) > 600, 60_000)
    supervised.current().child.kill('SIGKILL')
    // Restart=always brings it back by itself after RestartSec.
    await supervised.started(1)

    await waitFor(progress, (v) => (v?.progress.processed ?? 0) > 1600, 60_000)
    const restart = await supervised.restart()
    expect(restart).toMatchObject({ code: 0, signal: null, killed: false })
    expect(restart.ms).toBeLessThan(seconds(service.TimeoutStopSec![0]!) * 1000)
    expect(supervised.runs[1]!.output).toMatch(/SIGTERM: stopped cleanly/)
    await supervised.started(2)

    const done = await waitFor(progress, (v) => v?.status === 'completed', 120_000)
    expect(done?.status).toBe('completed')
    pumping = false
    await pump
    await waitFor(
      () => api<{ awaitingReport: number }>('callbacks.health', { campaignId: id }),
      (h) => h.awaitingReport === 0,
      30_000
    )
    const runs = supervised.runs
    const stopped = await supervised.stop()
    expect(stopped).toMatchObject({ code: 0, killed: false })
    supervised = null

    // The start after the SIGTERM found no send in flight to mark unknown.
    expect(runs).toHaveLength(3)
    expect(runs[2]!.output).not.toMatch(/in flight at the last stop/)
    const db = new Database(join(dataDir, 'tickboard.sqlite'), { readonly: true })
    const rows = db
      .prepare(`SELECT phone, dispatch_state AS state, status FROM message WHERE campaign_id = ?`)
      .all(id) as { phone: string; state: string; status: string | null }[]
    db.close()
    expect(rows.length).toBe(N)
    expect(rows.filter((r) => r.state === 'queued' || r.state === 'in_flight')).toEqual([])
    // Sent exactly once: no recipient reached the provider twice.
    const received = new Map<string, number>()
    for (const r of fake.requests) received.set(r.to, (received.get(r.to) ?? 0) + 1)
    expect([...received.values()].filter((n) => n > 1)).toEqual([])
    // Every callback acknowledged is applied: each accepted message is delivered in the data.
    expect(acked.size).toBe(fake.requests.length)
    const delivered = new Set(rows.filter((r) => r.status === 'delivered').map((r) => r.phone))
    expect([...received.keys()].filter((phone) => !delivered.has(phone))).toEqual([])
    // Only the crash can leave a send's outcome unknown, and only one that never reached the
    // provider stays so; the SIGTERM restart left nothing in flight.
    const unknown = rows.filter((r) => r.state === 'unknown' && !received.has(r.phone))
    expect(unknown.length).toBeLessThanOrEqual(256)
    expect(received.size + unknown.length).toBe(N)
  }, 240_000)
})
