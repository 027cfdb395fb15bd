// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge } from './bridge'

type Hook = typeof import('../../src/renderer/src/features/campaigns/usePreview')
type Forms = typeof import('../../src/renderer/src/features/campaigns/draftForm')

let bridge: ReturnType<typeof installBridge>
let usePreview: Hook['usePreview']
let emptyForm: Forms['emptyForm']

beforeEach(async () => {
  vi.useFakeTimers()
  vi.resetModules()
  bridge = installBridge()
  ;({ usePreview } = await import('../../src/renderer/src/features/campaigns/usePreview'))
  ;({ emptyForm } = await import('../../src/renderer/src/features/campaigns/draftForm'))
})
afterEach(() => vi.useRealTimers())

const answer = (qualified: number) => ({ qualified, problems: [] })

describe('compose preview', () => {
  it('keeps the answer for the newest draft when an older answer arrives after it', async () => {
    const first = { ...emptyForm(), name: 'First' }
    const second = { ...emptyForm(), name: 'Second' }
    const { result, rerender } = renderHook(({ form }) => usePreview(form), {
      initialProps: { form: first }
    })
    await act(() => vi.advanceTimersByTimeAsync(250))
    rerender({ form: second })
    await act(() => vi.advanceTimersByTimeAsync(250))
    const [older, newer] = bridge.of('campaigns.preview')
    expect(bridge.of('campaigns.preview')).toHaveLength(2)

    await act(async () => {
      newer!.resolve(answer(2))
      await vi.advanceTimersByTimeAsync(0)
    })
    await act(async () => {
      older!.resolve(answer(1))
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(result.current.preview).toEqual(answer(2))
  })

  it('asks once per pause in typing, and a late error of an older draft is not shown', async () => {
    const { result, rerender } = renderHook(({ form }) => usePreview(form), {
      initialProps: { form: { ...emptyForm(), name: 'a' } }
    })
    for (const name of ['ab', 'abc', 'abcd']) {
      await act(() => vi.advanceTimersByTimeAsync(100))
      rerender({ form: { ...emptyForm(), name } })
    }
    await act(() => vi.advanceTimersByTimeAsync(250))
    expect(bridge.of('campaigns.preview')).toHaveLength(1)
    rerender({ form: { ...emptyForm(), name: 'abcde' } })
    await act(() => vi.advanceTimersByTimeAsync(250))
    const [older, newer] = bridge.of('campaigns.preview')
    await act(async () => {
      newer!.resolve(answer(5))
      older!.reject({ code: 'internal', message: 'stale failure' })
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(result.current.error).toBeNull()
    expect(result.current.preview).toEqual(answer(5))
  })
})
