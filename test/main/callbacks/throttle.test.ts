import { afterEach, describe, expect, it, vi } from 'vitest'
import { createKeyedThrottle } from '../../../src/main/callbacks/throttle'

describe('stats.changed throttle', () => {
  afterEach(() => void vi.useRealTimers())

  it('fires at most once per 250 ms per key (≤ 4/s) and never loses the last change', () => {
    vi.useFakeTimers()
    const fired: string[] = []
    const firedAt: number[] = []
    const throttle = createKeyedThrottle((key) => {
      fired.push(key)
      if (key === 'A') firedAt.push(Date.now())
    }, 250)
    // 100 changes of campaign A within one second, 1 change of campaign B.
    for (let i = 0; i < 100; i++) {
      throttle.touch('A')
      if (i === 50) throttle.touch('B')
      vi.advanceTimersByTime(10)
    }
    vi.advanceTimersByTime(1000)
    // 100 changes over 1 s → 5 events (0, 250, 500, 750 ms and a trailing one for the last).
    expect(fired.filter((k) => k === 'A')).toHaveLength(5)
    const gaps = firedAt.slice(1).map((t, i) => t - firedAt[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250)
    expect(fired.filter((k) => k === 'B')).toHaveLength(1)
    // A change after a quiet period fires at once.
    throttle.touch('A')
    expect(fired.filter((k) => k === 'A')).toHaveLength(6)
    throttle.stop()
  })
})
