// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge, settle } from './bridge'

type Session = typeof import('../../src/renderer/src/stores/sessionStore')
type Can = typeof import('../../src/renderer/src/lib/useCan')

let bridge: ReturnType<typeof installBridge>
let store: Session['useSessionStore']
let canCall: Can['canCall']

beforeEach(async () => {
  vi.resetModules()
  bridge = installBridge()
  store = (await import('../../src/renderer/src/stores/sessionStore')).useSessionStore
  canCall = (await import('../../src/renderer/src/lib/useCan')).canCall
})

describe('who is signed in, and what the role may do', () => {
  it('waits for users.me before the pages show; the desktop window has no sign-out', async () => {
    expect(store.getState().status).toBe('checking')
    expect(store.getState().canSignOut).toBe(false)
    const loading = store.getState().loadMe()
    bridge.of('users.me')[0]!.resolve({ id: 'local', name: 'This computer', role: 'admin' })
    await loading
    expect(store.getState()).toMatchObject({
      status: 'open',
      me: { name: 'This computer', role: 'admin' },
      reason: null
    })
  })

  it('an engine that does not answer keeps the pages back and says why, and asks again', async () => {
    const first = store.getState().loadMe()
    bridge.of('users.me')[0]!.reject({ code: 'unavailable', message: 'Engine is starting' })
    await first
    expect(store.getState().status).toBe('checking')
    expect(store.getState().reason).toBe('Could not check who you are: Engine is starting')
    const again = store.getState().loadMe()
    await settle()
    bridge.of('users.me')[1]!.resolve({ id: 'u1', name: 'Asha', role: 'viewer' })
    await again
    expect(store.getState()).toMatchObject({ status: 'open', reason: null })
  })

  it('an answer to who this is that lands after a sign-out does not open the pages again', async () => {
    const loading = store.getState().loadMe()
    await settle()
    store.getState().signOut()
    bridge.of('users.me')[0]!.resolve({ id: 'u1', name: 'Asha', role: 'admin' })
    await loading
    expect(store.getState()).toMatchObject({ status: 'signedOut', me: null })
  })

  it('says which role a route needs, from the contract’s declaration', () => {
    expect(canCall('viewer', 'campaigns.launch')).toEqual({
      allowed: false,
      why: 'Needs the operator role',
      needs: 'operator'
    })
    expect(canCall('viewer', 'campaigns.list').allowed).toBe(true)
    expect(canCall('operator', 'campaigns.launch').allowed).toBe(true)
    expect(canCall('operator', 'users.create')).toMatchObject({
      allowed: false,
      why: 'Needs the admin role'
    })
    expect(canCall('admin', 'users.revoke').allowed).toBe(true)
    // Before the engine has said who this is, nothing acts.
    expect(canCall(null, 'campaigns.list').allowed).toBe(false)
  })
})
