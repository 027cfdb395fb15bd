// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge, settle } from './bridge'

type Audit = typeof import('../../src/renderer/src/stores/auditStore')

let bridge: ReturnType<typeof installBridge>
let store: Audit['useAuditStore']

beforeEach(async () => {
  vi.resetModules()
  bridge = installBridge()
  store = (await import('../../src/renderer/src/stores/auditStore')).useAuditStore
})

const entry = (id: number) => ({
  id,
  at: id * 1000,
  userId: 'u1',
  user: 'Olivia',
  route: 'campaigns.launch',
  targetId: `c${id}`,
  outcome: 'ok',
  code: null
})

/** Answers the open audit.list call with entries `from` down to `to`, and its next cursor. */
async function answer(from: number, to: number, nextBefore: number | null): Promise<void> {
  await settle()
  const ids = Array.from({ length: from - to + 1 }, (_, i) => from - i)
  bridge.answerAll('audit.list', () => ({ entries: ids.map(entry), nextBefore }))
  await settle()
}

describe('audit log store', () => {
  it('pages back by the engine’s cursor and returns to newer pages the same way', async () => {
    const newest = store.getState().load()
    await answer(120, 71, 71)
    await newest
    expect(bridge.calls).toHaveLength(0)
    expect(store.getState().entries!.map((e) => e.id)[0]).toBe(120)

    const older = store.getState().older()
    await settle()
    expect(bridge.of('audit.list')[0]!.input).toEqual({ limit: 50, before: 71 })
    await answer(70, 21, 21)
    await older
    const oldest = store.getState().older()
    await settle()
    expect(bridge.of('audit.list')[0]!.input).toEqual({ limit: 50, before: 21 })
    await answer(20, 1, null)
    await oldest
    expect(store.getState().nextBefore).toBeNull()

    // Newer walks back through the same cursors: the page before 71, then the newest.
    const back = store.getState().newerPage()
    await settle()
    expect(bridge.of('audit.list')[0]!.input).toEqual({ limit: 50, before: 71 })
    await answer(70, 21, 21)
    await back
    const top = store.getState().newerPage()
    await settle()
    expect(bridge.of('audit.list')[0]!.input).toEqual({ limit: 50 })
    await answer(120, 71, 71)
    await top
    expect(store.getState().newer).toEqual([])
  })

  it('Newest pressed while an older page is on its way: the newest page stays, whichever answers last', async () => {
    const first = store.getState().load()
    await answer(120, 71, 71)
    await first
    const older = store.getState().older()
    const newest = store.getState().load()
    await settle()
    const [olderCall, newestCall] = bridge.of('audit.list')
    newestCall!.resolve({ entries: [entry(121), entry(120)], nextBefore: 120 })
    await newest
    olderCall!.resolve({ entries: [entry(70)], nextBefore: 70 })
    await older
    expect(store.getState().entries!.map((e) => e.id)).toEqual([121, 120])
    expect(store.getState()).toMatchObject({ current: undefined, newer: [], nextBefore: 120 })
  })
})
