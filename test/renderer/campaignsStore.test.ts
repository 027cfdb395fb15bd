// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge, settle } from './bridge'

type Store = typeof import('../../src/renderer/src/stores/campaignsStore')

let bridge: ReturnType<typeof installBridge>
let store: Store['useCampaignsStore']

beforeEach(async () => {
  vi.resetModules()
  bridge = installBridge()
  store = (await import('../../src/renderer/src/stores/campaignsStore')).useCampaignsStore
})

const campaign = (id: string, status = 'running') => ({ id, name: id, status, progress: null })
const progress = (campaignId: string, sent: number) => ({
  campaignId,
  status: 'running' as const,
  qualified: 100,
  processed: sent,
  sent,
  dispatchErrors: 0,
  ratePerSecond: 10,
  etaSeconds: 9
})

describe('campaigns store', () => {
  it('applies live progress to a known campaign, and reloads the list for an unknown one', async () => {
    const loading = store.getState().load()
    bridge.of('campaigns.list')[0]!.resolve({ campaigns: [campaign('A'), campaign('B')] })
    await loading
    store.getState().applyProgress(progress('A', 40))
    expect(store.getState().campaigns.find((c) => c.id === 'A')?.progress).toEqual({
      qualified: 100,
      processed: 40,
      sent: 40,
      dispatchErrors: 0,
      ratePerSecond: 10,
      etaSeconds: 9
    })
    expect(store.getState().campaigns.find((c) => c.id === 'B')?.progress).toBeNull()
    expect(bridge.of('campaigns.list')).toHaveLength(1)
    store.getState().applyProgress(progress('C', 1))
    expect(bridge.of('campaigns.list')).toHaveLength(2)
  })

  it('marks a campaign busy during an action, shows a refusal, and reloads after it', async () => {
    const acting = store.getState().act('A', 'pause')
    expect(store.getState().busy.A).toBe('pause')
    bridge.of('campaigns.pause')[0]!.reject({ code: 'conflict', message: 'Already completed' })
    await settle()
    expect(store.getState().error).toBe('Already completed')
    expect(store.getState().busy.A).toBeUndefined()
    bridge.of('campaigns.list')[0]!.resolve({ campaigns: [campaign('A', 'completed')] })
    await acting
    expect(store.getState().campaigns.map((c) => c.status)).toEqual(['completed'])
  })
})
