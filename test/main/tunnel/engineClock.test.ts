import { expect, test } from 'vitest'
import { startFake } from '../../fakes'
import { startLocaltunnelServer } from '../../helpers/localtunnelServer'
import { useTestEngines } from '../../helpers/testEngines'
import { until } from '../../helpers/until'

/**
 * The tunnel keeps time by the engine's clock, not the computer's: when it came up, when it was
 * last checked, its history and the change of its public URL carry the engine's now. The engine
 * runs ten days behind the wall clock, so `Date.now` would be seen.
 */
const { start, closeAfter } = useTestEngines({ fastTunnels: true })

const DAY = 24 * 3600_000

test('the tunnel’s status, history and URL change are at the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const t = await start({ clock: { now: () => now } })
  const lt = await startLocaltunnelServer()
  closeAfter(() => lt.close())
  const meta = await startFake('meta')
  closeAfter(() => meta.close())
  await t.call('providers.create', {
    type: 'meta',
    name: 'Meta',
    config: meta.account().config as never
  })

  const first = await t.call('tunnel.start', { host: lt.host })
  expect(first).toMatchObject({ state: 'up', upSince: now, lastCheckAt: now })

  lt.drop(first.subdomain!)
  const moved = await until('a new public URL', async () => {
    const status = await t.call('tunnel.status', {})
    return status.state === 'up' && status.urlChange ? status : undefined
  })
  expect(moved.urlChange!.at).toBe(now)
  expect(moved.upSince).toBe(now)
  expect(moved.history!.map((h) => h.state)).toContain('reconnecting')
  expect(new Set(moved.history!.map((h) => h.at))).toEqual(new Set([now]))
})
