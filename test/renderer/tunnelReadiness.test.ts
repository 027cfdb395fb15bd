// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge, settle } from './bridge'

type Providers = typeof import('../../src/renderer/src/stores/providersStore')
type Registration = typeof import('../../src/renderer/src/stores/registrationStore')

let bridge: ReturnType<typeof installBridge>
let providers: Providers
let registration: Registration['useRegistrationStore']

beforeEach(async () => {
  vi.resetModules()
  bridge = installBridge()
  providers = await import('../../src/renderer/src/stores/providersStore')
  registration = (await import('../../src/renderer/src/stores/registrationStore'))
    .useRegistrationStore
})

const readiness = (blocking: string[]) => ({
  accounts: [{ providerId: 'm1', readiness: { blocking, warnings: [] } }]
})
/** What RegistrationPanel shows: readiness only when computed for the status the pill shows. */
const shown = () => {
  const key = providers.tunnelKey(providers.useProvidersStore.getState().tunnel)
  const s = registration.getState()
  return s.computedFor === key ? s.byProvider.m1?.readiness.blocking : 'checking'
}

describe('tunnel pill, its error and the readiness lines read one status', () => {
  it('never show a readiness computed for another tunnel status, and drop an older answer', async () => {
    const store = providers.useProvidersStore
    const offLoad = registration.getState().load()
    bridge.of('registration.list')[0]!.resolve(readiness(['no public callback URL']))
    await offLoad
    expect(shown()).toEqual(['no public callback URL'])
    expect(providers.selectTunnelView(store.getState())).toMatchObject({
      state: 'off',
      error: null
    })

    // The tunnel comes up: the pill says Up at once and the old "no public URL" is not shown.
    store.getState().applyTunnelStatus({ state: 'connecting' })
    const connectingLoad = registration.getState().load()
    store.getState().applyTunnelStatus({ state: 'up', url: 'https://a.loca.lt' })
    expect(shown()).toBe('checking')
    const upLoad = registration.getState().load()
    // The newer answer first, then the older one (computed while connecting): it is dropped.
    bridge.of('registration.list')[2]!.resolve(readiness([]))
    await upLoad
    bridge.of('registration.list')[1]!.resolve(readiness(['no public callback URL']))
    await connectingLoad
    await settle()
    expect(providers.selectTunnelView(store.getState()).state).toBe('up')
    expect(shown()).toEqual([])

    // Failing: the pill's state and its error come from the same status.
    store.getState().applyTunnelStatus({ state: 'error', error: 'server refused' })
    expect(providers.selectTunnelView(store.getState())).toMatchObject({
      state: 'error',
      error: 'server refused'
    })
    expect(shown()).toBe('checking')
  })
})
