import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { EventName, Events } from '../../../src/shared/ipc/contract'
import { PROBE_HEADER, PROBE_PATH } from '../../../src/main/callbacks/probe'
import { startLocaltunnelServer, FAST_TUNNEL_TIMINGS } from '../../helpers/localtunnelServer'
import { startTestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'
import { META_CONFIG, drained, postMeta, statusBody } from '../callbacks/meta'

// Short supervisor timings: the acceptance runs the real client against the local server.
beforeAll(() => {
  Object.assign(process.env, FAST_TUNNEL_TIMINGS)
})

const META = { type: 'meta' as const, name: 'Meta main', config: META_CONFIG }
const TWILIO = {
  type: 'twilio' as const,
  name: 'Twilio',
  config: {
    accountSid: `AC${'a'.repeat(32)}`,
    authToken: 'tw-token',
    from: 'whatsapp:+14155238886',
    // Registration calls go to a dead loopback port, never to Twilio.
    baseUrl: 'http://127.0.0.1:9'
  }
}

type Seen = { [E in EventName]: { name: E; payload: Events[E] } }[EventName]

describe('one-click tunnel against a localtunnel-protocol server on 127.0.0.1', () => {
  const tempDir = useTempDirs()
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const clean of cleanups.splice(0).reverse()) await clean()
  })

  async function setup(dir = tempDir()) {
    const lt = await startLocaltunnelServer()
    cleanups.push(() => lt.close())
    return { lt, ...(await engineOn(dir)) }
  }

  async function engineOn(dir: string) {
    const test = await startTestEngine(dir)
    cleanups.push(() => test.engine.close())
    const seen: Seen[] = []
    test.engine.subscribe((name, payload) => seen.push({ name, payload } as Seen))
    return { ...test, seen }
  }

  it('comes up on the server URL, carries signed probes and the provider test callback', async () => {
    const { lt, call, seen } = await setup()
    const meta = await call('providers.create', META)
    expect(meta.callbackUrl).toBeNull()

    const status = await call('tunnel.start', { host: lt.host })
    expect(status.state).toBe('up')
    expect(status.subdomain).toMatch(/^[a-z0-9]{4,63}$/)
    expect(status.url).toBe(lt.urlOf(status.subdomain!))
    expect(status.host).toBe(lt.host)
    expect(lt.socketCount(status.subdomain!)).toBeGreaterThan(0)
    expect(seen.some((e) => e.name === 'tunnel.status' && e.payload.state === 'up')).toBe(true)
    // First URL of this install: nothing to update yet, so no loud change.
    expect(seen.some((e) => e.name === 'tunnel.urlChanged')).toBe(false)

    const [view] = (await call('providers.list', {})).providers
    expect(view!.callbackUrl).toBe(`${status.url}${meta.callbackPath}`)

    const test = await call('callbacks.test', { providerId: meta.id })
    expect(test).toMatchObject({ ok: true, via: 'tunnel', url: view!.callbackUrl })
    expect(test.roundTripMs).toBeGreaterThan(0)

    // A forged probe through the public URL is refused by the callback server.
    const forged = await fetch(`${status.url}${PROBE_PATH}`, {
      method: 'POST',
      headers: { [PROBE_HEADER]: `sha256=${'0'.repeat(64)}`, 'content-type': 'application/json' },
      body: '{"nonce":"x","at":1}'
    })
    expect(forged.status).toBe(401)

    const again = await call('tunnel.start', { host: lt.host })
    expect(again.url).toBe(status.url)
    expect(lt.assigned).toHaveLength(1)
  })

  it('delivers a real signed Meta status callback through the public URL, before and after a drop', async () => {
    const { lt, call, engine } = await setup()
    const meta = await call('providers.create', META)
    const { db } = engine
    const { messages } = seedCampaign(db, {
      providerId: meta.id,
      count: 2,
      sentAt: Date.UTC(2026, 10, 1)
    })
    const first = await call('tunnel.start', { host: lt.host })
    const delivered = (i: number) => {
      const m = messages[i]!
      return statusBody([
        { id: m.providerMessageId!, status: 'delivered', at: m.sentAt + 4000, recipient: m.phone }
      ])
    }
    const statusOf = (i: number) =>
      (
        db.prepare('SELECT status FROM message WHERE id = ?').get(messages[i]!.id) as {
          status: string | null
        }
      ).status

    expect(await postMeta(first.url!, meta.callbackPath, delivered(0), 'not-the-app-secret')).toBe(
      401
    )
    expect(await postMeta(first.url!, meta.callbackPath, delivered(0))).toBe(200)
    await drained(db)
    expect(statusOf(0)).toBe('delivered')

    lt.drop(first.subdomain!)
    const back = await waitFor(async () => {
      const s = await call('tunnel.status', {})
      return s.state === 'up' && s.url !== first.url ? s : undefined
    }, 15_000)
    expect(await postMeta(back.url!, meta.callbackPath, delivered(1))).toBe(200)
    await drained(db)
    expect(statusOf(1)).toBe('delivered')
  })

  it('restores a dropped tunnel, reports the new URL loudly and says who must be updated', async () => {
    const { lt, call, seen } = await setup()
    const meta = await call('providers.create', META)
    const twilio = await call('providers.create', TWILIO)
    const first = await call('tunnel.start', { host: lt.host })
    expect(first.state).toBe('up')

    lt.drop(first.subdomain!)
    const changed = await waitFor(() => seen.find((e) => e.name === 'tunnel.urlChanged'), 15_000)
    expect(changed.payload).toEqual({ previousUrl: first.url, url: expect.any(String) })
    const newUrl = (changed.payload as Events['tunnel.urlChanged']).url
    expect(newUrl).not.toBe(first.url)
    expect(lt.ids()).toContain(newUrl.split('/t/')[1])

    const status = await call('tunnel.status', {})
    expect(status).toMatchObject({ state: 'up', url: newUrl })
    expect(status.urlChange).toMatchObject({
      previousUrl: first.url,
      url: newUrl,
      providersToUpdate: [
        { id: meta.id, type: 'meta', callbackUrl: `${newUrl}${meta.callbackPath}` }
      ],
      followAutomatically: [{ id: twilio.id, type: 'twilio' }]
    })
    const states = status.history!.map((h) => h.state)
    expect(states[0]).toBe('up')
    expect(states).toContain('reconnecting')
    expect(status.history!.find((h) => h.state === 'reconnecting')!.reason).toMatch(
      /tunnel client error|self-test/
    )

    const statusEvents = seen
      .filter((e) => e.name === 'tunnel.status')
      .map((e) => e.payload as Events['tunnel.status'])
    expect(statusEvents.map((s) => s.state)).toEqual(expect.arrayContaining(['up', 'reconnecting']))
    const providers = (await call('providers.list', {})).providers
    expect(providers.find((p) => p.id === meta.id)!.callbackUrl).toBe(
      `${newUrl}${meta.callbackPath}`
    )
    expect(await call('callbacks.test', { providerId: meta.id })).toMatchObject({
      ok: true,
      via: 'tunnel'
    })
  })

  it('recreates a tunnel that silently stops answering (probe timeouts)', async () => {
    const { lt, call } = await setup()
    const first = await call('tunnel.start', { host: lt.host })
    lt.silence(first.subdomain!)
    const status = await waitFor(async () => {
      const s = await call('tunnel.status', {})
      return s.state === 'up' && s.url !== first.url ? s : undefined
    }, 20_000)
    expect(
      status.history!.some((h) => /self-test .* failed: no answer within/.test(h.reason ?? ''))
    ).toBe(true)
  })

  it('stops cleanly, then callbacks.test says there is no public URL; restarts itself after an engine restart', async () => {
    const dir = tempDir()
    const { lt, call } = await setup(dir)
    const meta = await call('providers.create', META)
    const up = await call('tunnel.start', { host: lt.host })
    expect(up.state).toBe('up')

    const stopped = await call('tunnel.stop', {})
    expect(stopped.state).toBe('off')
    expect(stopped.url).toBeUndefined()
    expect((await call('providers.list', {})).providers[0]!.callbackUrl).toBeNull()
    const local = await call('callbacks.test', { providerId: meta.id })
    expect(local).toMatchObject({ ok: false, via: 'local', localOk: true })
    expect(local.error).toMatch(/No public URL.*Start the tunnel/)

    // On again, then the engine stops without the operator switching it off: it comes back.
    await call('tunnel.start', {})
    await cleanups.pop()!()
    const second = await engineOn(dir)
    const back = await waitFor(async () => {
      const s = await second.call('tunnel.status', {})
      return s.state === 'up' ? s : undefined
    }, 10_000)
    expect(back).toMatchObject({ autoStart: true, host: lt.host, subdomain: up.subdomain })
    await second.call('tunnel.stop', {})
    await cleanups.pop()!()
    const third = await engineOn(dir)
    expect((await third.call('tunnel.status', {})).state).toBe('off')
  })

  it('reports an unreachable or refusing server without crashing and keeps retrying', async () => {
    const { lt, call, engine } = await setup()
    const closed = await startLocaltunnelServer()
    const deadHost = closed.host
    await closed.close()

    const down = await call('tunnel.start', { host: deadHost })
    expect(down.state).toMatch(/connecting|error/)
    expect(down.error).toMatch(/could not open a tunnel at .*unreachable/)
    expect(down.nextRetryAt).toBeGreaterThan(0)
    const failing = await waitFor(async () => {
      const s = await call('tunnel.status', {})
      return s.state === 'error' ? s : undefined
    }, 10_000)
    expect(failing.failures).toBeGreaterThanOrEqual(3)

    lt.refuseNew('Tunnel creation is disabled on this server')
    const refused = await call('tunnel.start', { host: lt.host })
    expect(refused.error).toMatch(/refused: Tunnel creation is disabled on this server/)
    expect(lt.ids()).toHaveLength(0)
    lt.refuseNew(null)
    const up = await waitFor(async () => {
      const s = await call('tunnel.status', {})
      return s.state === 'up' ? s : undefined
    }, 10_000)
    expect(up.url).toBe(lt.urlOf(up.subdomain!))

    // Invalid input never reaches the supervisor (nor the stored subdomain).
    for (const input of [
      { host: 'not a url' },
      { host: 'ftp://x.example' },
      { subdomain: '-bad-' }
    ]) {
      const bad = await engine.invoke('tunnel.start', input)
      expect(bad.ok).toBe(false)
    }
    expect((await call('tunnel.status', {})).subdomain).toBe(up.subdomain)
    expect((await call('tunnel.stop', {})).state).toBe('off')
  })
})

async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
