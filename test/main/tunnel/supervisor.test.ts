import { describe, expect, it } from 'vitest'
import type { TunnelStatus } from '../../../src/shared/ipc/routes/callbacks'
import { openDb } from '../../../src/main/db/openDb'
import { createSettingRepo } from '../../../src/main/db/repos/settingRepo'
import { createTunnelEventRepo } from '../../../src/main/db/repos/tunnelEventRepo'
import { TunnelSupervisor } from '../../../src/main/tunnel/supervisor'
import { createTunnelStore } from '../../../src/main/tunnel/tunnelStore'
import { startLocaltunnelServer } from '../../helpers/localtunnelServer'
import { useTempDirs } from '../../helpers/tempDir'

describe('tunnel supervisor', () => {
  const tempDir = useTempDirs()

  it('backs off exponentially with jitter, caps the delay, and turns to error after N failures', async () => {
    const db = openDb(tempDir())
    const gone = await startLocaltunnelServer()
    await gone.close()
    const NOW = 1_000_000
    const draws = [1, 0, 1, 0, 1, 0]
    const seen = new Map<number, TunnelStatus>()
    const supervisor = new TunnelSupervisor({
      store: createTunnelStore(createSettingRepo(db), createTunnelEventRepo(db)),
      timings: {
        probeIntervalMs: 1000,
        probeRetryMs: 10,
        probeTimeoutMs: 100,
        openTimeoutMs: 500,
        backoffBaseMs: 100,
        backoffMaxMs: 400,
        errorAfterFailures: 3
      },
      localPort: () => 1,
      probe: async () => ({ ok: true, roundTripMs: 1 }),
      setTunnelUrl: () => undefined,
      emitStatus: () => undefined,
      emitUrlChanged: () => undefined,
      describeUrlChange: () => {
        throw new Error('no URL ever comes up here')
      },
      log: () => undefined,
      random: () => draws.shift() ?? 0,
      now: () => NOW
    })
    await supervisor.start({ host: gone.host, subdomain: 'tbtestsubdomain' })
    const until = Date.now() + 10_000
    while (!seen.has(4) && Date.now() < until) {
      const s = supervisor.status()
      if (s.failures && !seen.has(s.failures)) seen.set(s.failures, s)
      await new Promise((r) => setTimeout(r, 5))
    }
    const stopped = supervisor.stop()
    db.close()

    // Ceilings 100, 200, 400, 400 (capped); jitter draws 1, 0, 1, 0 give ceiling or half of it.
    expect([1, 2, 3, 4].map((n) => seen.get(n)!.nextRetryAt! - NOW)).toEqual([100, 100, 400, 200])
    expect([1, 2, 3, 4].map((n) => seen.get(n)!.state)).toEqual([
      'connecting',
      'connecting',
      'error',
      'error'
    ])
    expect(seen.get(1)!.error).toMatch(/unreachable \(ECONNREFUSED\)/)
    expect(stopped).toMatchObject({ state: 'off' })
    expect(stopped.failures).toBeUndefined()
    expect(stopped.history!.map((h) => h.state).slice(0, 2)).toEqual(['off', 'error'])
  })

  it('keeps one stable subdomain per install and a bounded history', () => {
    const dir = tempDir()
    const db = openDb(dir)
    const store = createTunnelStore(createSettingRepo(db), createTunnelEventRepo(db))
    const subdomain = store.subdomain()
    expect(subdomain).toMatch(/^[a-z0-9]{4,63}$/)
    expect(store.subdomain()).toBe(subdomain)
    for (let i = 0; i < 620; i++) store.record({ at: i, state: i % 2 ? 'up' : 'reconnecting' })
    const rows = db.prepare('SELECT COUNT(*) AS n, MIN(at) AS first FROM tunnel_event').get()
    expect(rows).toEqual({ n: 500, first: 120 })
    expect(store.history(3).map((h) => h.at)).toEqual([619, 618, 617])
    db.close()
    const again = openDb(dir)
    expect(
      createTunnelStore(createSettingRepo(again), createTunnelEventRepo(again)).subdomain()
    ).toBe(subdomain)
    again.close()
  })
})
