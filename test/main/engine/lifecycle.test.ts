import { beforeAll, describe, expect, it } from 'vitest'
import { FAST_TUNNEL_TIMINGS, startLocaltunnelServer } from '../../helpers/localtunnelServer'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { SANDBOX_TEMPLATE, campaignDraft, waitFor } from '../dispatch/helpers'
import { useClosers } from '../../helpers/closers'

/** The documented start order (src/main/engine/services.ts); stop is its reverse. */
const ORDER = [
  'sandbox',
  'stats',
  'templatePauses',
  'campaigns',
  'callbacks',
  'lostSends',
  'keepAwake',
  'templates',
  'registration',
  'tunnel',
  'reconcile',
  'reports'
]
const started = ORDER.map((name) => `start:${name}`)
const stoppedInReverse = [...ORDER].reverse().map((name) => `stop:${name}`)

beforeAll(() => {
  Object.assign(process.env, FAST_TUNNEL_TIMINGS)
})

const tempDir = useTempDirs()
const closeAfter = useClosers()

async function engineOn(dir: string, log: string[] = []): Promise<TestEngine> {
  const t = await startTestEngine(dir, {
    seedDemo: true,
    log: (message, err) => log.push(`${message} ${err ? String(err) : ''}`.trim())
  })
  closeAfter(() => t.engine.close())
  return t
}

describe('engine services: built once, started in order, stopped in reverse', () => {
  it('starts every service once in the documented order; close stops them in reverse, once', async () => {
    const { engine } = await engineOn(tempDir())
    const { lifecycle } = engine.services
    expect(lifecycle.names).toEqual(ORDER)
    expect(lifecycle.steps()).toEqual(started)

    await engine.close()
    expect(lifecycle.steps()).toEqual([...started, ...stoppedInReverse])
    // A second close (the shell's quit after SIGTERM, say) neither stops twice nor fails.
    await engine.close()
    expect(lifecycle.steps()).toEqual([...started, ...stoppedInReverse])
  })

  it('close stops every service while all of them are busy: nothing runs, emits or logs after it', async () => {
    const lt = await startLocaltunnelServer()
    closeAfter(() => lt.close())
    const dir = tempDir()
    const log: string[] = []
    const t = await engineOn(dir, log)
    const events: string[] = []
    t.engine.subscribe((name) => events.push(name))

    // Busy everywhere: the tunnel is up, dispatch sends 3,000 demo contacts at 100/s through the
    // Sandbox, whose signed callbacks (50 ms latency) reach the receiver and the processor.
    const [sandbox] = (await t.call('providers.list', {})).providers
    await t.call('providers.update', { id: sandbox!.id, config: { latencyMs: 50 } })
    const tunnel = await t.call('tunnel.start', { host: lt.host })
    expect(tunnel.state).toBe('up')
    expect(lt.socketCount(tunnel.subdomain!)).toBeGreaterThan(0)
    const { id } = await t.call(
      'campaigns.create',
      campaignDraft(sandbox!.id, { template: SANDBOX_TEMPLATE, ratePerSecond: 100 })
    )
    await t.call('campaigns.launch', { id })
    const health = await waitFor(
      () => t.call('callbacks.health', {}),
      (h) => h.received >= 20,
      15_000
    )
    expect(health.received).toBeGreaterThanOrEqual(20)
    expect((await t.call('campaigns.get', { id })).status).toBe('running')

    await t.engine.close()
    const eventsAtClose = events.length
    const logAtClose = log.length
    expect(t.engine.db.open).toBe(false)
    // The callback listener is closed, the tunnel client gone from the server.
    await expect(fetch(`http://127.0.0.1:${t.engine.hooksPort}/hooks/x`)).rejects.toThrow()
    expect(
      await waitFor(
        () => lt.socketCount(tunnel.subdomain!),
        (n) => n === 0,
        5000
      )
    ).toBe(0)
    // Past every short period of the services (processor and conversion refresh 1 s, tunnel
    // probes, dispatch pacing, Sandbox latency): no timer fires on the closed data file.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(events.slice(eventsAtClose)).toEqual([])
    expect(log.slice(logAtClose)).toEqual([])

    // What close kept: the campaign resumes and the tunnel the operator left on comes back.
    const again = await engineOn(dir, log)
    expect(again.engine.services.lifecycle.steps()).toEqual(started)
    expect((await again.call('campaigns.get', { id })).status).toBe('running')
    const back = await waitFor(
      () => again.call('tunnel.status', {}),
      (s) => s.state === 'up',
      10_000
    )
    expect(back).toMatchObject({ state: 'up', host: lt.host })
  })
})
