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

  it('live rates: a burst of stats.changed for campaigns on the list page is one page read a second, none for others', async () => {
    vi.useFakeTimers()
    try {
      const loading = store.getState().loadList()
      bridge
        .of('campaigns.list')[0]!
        .resolve({ campaigns: [campaign('A'), campaign('B')], total: 2 })
      await loading
      for (let i = 0; i < 50; i++) store.getState().onStatsChanged(i % 2 ? 'A' : 'B')
      store.getState().onStatsChanged('not-on-the-page')
      expect(bridge.of('campaigns.list')).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(999)
      expect(bridge.of('campaigns.list')).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1)
      expect(bridge.of('campaigns.list')).toHaveLength(2)
      const withRates = {
        ...campaign('A'),
        outcome: { sent: 10, delivered: 8, viewed: 5, converted: 2, counting: false }
      }
      bridge.of('campaigns.list')[1]!.resolve({ campaigns: [withRates, campaign('B')], total: 2 })
      await vi.advanceTimersByTimeAsync(0)
      expect(store.getState().list.rows[0]!.outcome).toEqual(withRates.outcome)
      // Only a campaign on the page asks again.
      store.getState().onStatsChanged('not-on-the-page')
      await vi.advanceTimersByTimeAsync(2000)
      expect(bridge.of('campaigns.list')).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('live rates: a list read that answers after the newer one is dropped', async () => {
    const first = store.getState().loadList()
    const second = store.getState().loadList()
    const [older, newer] = bridge.of('campaigns.list')
    const fresh = {
      ...campaign('A'),
      outcome: { sent: 30, delivered: 20, viewed: 9, converted: 3, counting: false }
    }
    newer!.resolve({ campaigns: [fresh], total: 1 })
    await second
    older!.resolve({ campaigns: [campaign('A')], total: 1 })
    await first
    expect(store.getState().list.rows, 'the older page is not shown over the newer').toEqual([
      fresh
    ])
  })

  it('the full list: a read that answers after the newer one is dropped', async () => {
    const first = store.getState().load()
    const second = store.getState().load()
    const [older, newer] = bridge.of('campaigns.list')
    newer!.resolve({ campaigns: [campaign('A'), campaign('B')] })
    await second
    older!.resolve({ campaigns: [campaign('A')] })
    await first
    expect(store.getState().campaigns.map((c) => c.id)).toEqual(['A', 'B'])
  })

  it('the list page: a failure of a read overtaken by a newer page is not shown', async () => {
    const first = store.getState().loadList()
    const second = store.getState().loadList()
    const [older, newer] = bridge.of('campaigns.list')
    newer!.resolve({ campaigns: [campaign('A')], total: 1 })
    await second
    older!.reject({ code: 'internal', message: 'engine busy' })
    await first
    expect(store.getState().list).toMatchObject({ error: null, total: 1 })
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

  it('saves an edit from the version it loaded, and passes a conflict on as the engine said it', async () => {
    const draft = {
      name: 'Diwali',
      providerId: 'p1',
      template: { name: 'hello', language: 'en', params: [] },
      audience: { all: true as const },
      controlGroupPercent: 0
    }
    const saving = store.getState().save(draft, { id: 'c1', version: 3 })
    await settle()
    const [update] = bridge.of('campaigns.update')
    expect(update!.input).toEqual({ id: 'c1', version: 3, draft })
    update!.resolve({ id: 'c1', version: 4 })
    await settle()
    bridge.answerAll('campaigns.list', () => ({ campaigns: [], total: 0 }))
    expect(await saving).toEqual({ id: 'c1', version: 4 })

    const message =
      'Diwali was changed by Asha at 2026-12-06 19:42 UTC (version 5; you edited version 4): reload it to see their changes, then edit again'
    const stale = store.getState().save(draft, { id: 'c1', version: 4 })
    await settle()
    bridge.of('campaigns.update')[1]!.reject({ code: 'conflict', message })
    await expect(stale).rejects.toThrow(message)

    const creating = store.getState().save(draft, null)
    await settle()
    bridge.of('campaigns.create')[0]!.resolve({ id: 'c2' })
    await settle()
    bridge.answerAll('campaigns.list', () => ({ campaigns: [], total: 0 }))
    expect(await creating).toEqual({ id: 'c2', version: 1 })
  })
})
