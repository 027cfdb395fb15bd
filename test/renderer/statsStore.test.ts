// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge } from './bridge'

type Store = typeof import('../../src/renderer/src/stores/statsStore')

let bridge: ReturnType<typeof installBridge>
let store: Store['useStatsStore']
let LIVE_REFRESH_MS: number

beforeEach(async () => {
  vi.useFakeTimers()
  vi.resetModules()
  bridge = installBridge()
  const mod: Store = await import('../../src/renderer/src/stores/statsStore')
  store = mod.useStatsStore
  LIVE_REFRESH_MS = mod.LIVE_REFRESH_MS
})
afterEach(() => vi.useRealTimers())

const summaryOf = (campaignId: string) => ({ campaignId, sent: campaignId === 'A' ? 10 : 20 })
const summaries = (): unknown[] =>
  bridge.of('stats.summary').map((c) => (c.input as { campaignId: string }).campaignId)

describe('stats store', () => {
  it('a live refresh armed for one campaign does not fire after switching to another', async () => {
    store.getState().open('A')
    expect(summaries()).toEqual(['A'])
    store.getState().onStatsChanged('A')
    store.getState().open('B')
    expect(summaries()).toEqual(['A', 'B'])
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3)
    expect(summaries(), 'no extra refresh from the timer armed for A').toEqual(['A', 'B'])

    // B's own live updates are not blocked by A's old timer.
    store.getState().onStatsChanged('B')
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    expect(summaries()).toEqual(['A', 'B', 'B'])
  })

  it('throttles a burst of stats.changed to one refresh per second, and none after close', async () => {
    store.getState().open('A')
    for (let i = 0; i < 20; i++) store.getState().onStatsChanged('A')
    store.getState().onStatsChanged('other campaign')
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    expect(summaries()).toEqual(['A', 'A'])

    store.getState().onStatsChanged('A')
    store.getState().close()
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3)
    expect(summaries()).toEqual(['A', 'A'])
  })

  it("drops a late answer for the previous campaign instead of showing it as the new one's", async () => {
    store.getState().open('A')
    store.getState().open('B')
    const [forA, forB] = bridge.of('stats.summary')
    forB!.resolve(summaryOf('B'))
    await vi.advanceTimersByTimeAsync(0)
    forA!.resolve(summaryOf('A'))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().campaignId).toBe('B')
    expect(store.getState().summary).toEqual(summaryOf('B'))
  })

  /** Opens A and refreshes it live; the refresh answers first (30 sent). Returns the first read. */
  async function overtakenRead() {
    store.getState().open('A')
    store.getState().onStatsChanged('A')
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    const [older, newer] = bridge.of('stats.summary')
    newer!.resolve({ campaignId: 'A', sent: 30 })
    await vi.advanceTimersByTimeAsync(0)
    return older!
  }

  it('keeps the newer answer when an older refresh of the same campaign answers after it', async () => {
    ;(await overtakenRead()).resolve({ campaignId: 'A', sent: 10 })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().summary, 'the late, older answer is dropped').toEqual({
      campaignId: 'A',
      sent: 30
    })
  })

  it('a failure of an older refresh that lands after the newer answer is not shown over it', async () => {
    ;(await overtakenRead()).reject({ code: 'internal', message: 'engine busy' })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().failures.summary, 'the numbers shown are newer').toBeUndefined()
    expect(store.getState().summary).toEqual({ campaignId: 'A', sent: 30 })
  })

  it('shows a failed section with its message and clears it on the next success', async () => {
    store.getState().open('A')
    bridge.of('stats.summary')[0]!.reject({ code: 'internal', message: 'engine busy' })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().failures.summary).toBe('engine busy')
    void store.getState().refresh()
    bridge.of('stats.summary')[1]!.resolve(summaryOf('A'))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().failures.summary).toBeUndefined()
    expect(store.getState().summary).toEqual(summaryOf('A'))
  })

  it('asks again each second while the engine is still counting, and stops once it answers', async () => {
    const counting = (rebuilding: number) => ({
      code: 'unavailable',
      message: `The statistics of this campaign are being counted (${rebuilding}% done)`,
      details: { rebuilding }
    })
    store.getState().open('A')
    bridge.of('stats.summary')[0]!.reject(counting(10))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().failures.summary).toMatch(/10% done/)
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    expect(summaries()).toEqual(['A', 'A'])
    bridge.of('stats.summary')[1]!.reject(counting(60))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().failures.summary).toMatch(/60% done/)
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    bridge.of('stats.summary')[2]!.resolve(summaryOf('A'))
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3)
    expect(store.getState().summary).toEqual(summaryOf('A'))
    expect(summaries(), 'no more asking once the numbers are there').toEqual(['A', 'A', 'A'])

    // Any other failure is shown and not retried on a timer.
    void store.getState().refresh()
    bridge.of('stats.summary')[3]!.reject({ code: 'internal', message: 'disk full' })
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3)
    expect(summaries()).toHaveLength(4)
  })
})
