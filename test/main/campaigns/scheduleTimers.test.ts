import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ScheduleTimers } from '../../../src/main/campaigns/scheduleTimers'

const DAY = 24 * 3600_000
/** The engine's clock here is the faked system time the timers run on. */
const clock = (): number => Date.now()

describe('schedule timers', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('a launch beyond setTimeout’s longest delay (24.8 days) fires at its time, not early', () => {
    const due: string[] = []
    const timers = new ScheduleTimers((id) => due.push(id), clock)
    timers.arm('far', Date.now() + 40 * DAY)
    vi.advanceTimersByTime(25 * DAY)
    expect(due).toEqual([])
    vi.advanceTimersByTime(15 * DAY - 1)
    expect(due).toEqual([])
    vi.advanceTimersByTime(1)
    expect(due).toEqual(['far'])
  })

  it('a past time fires at once; arming again moves the launch; clear and clearAll cancel', () => {
    const due: string[] = []
    const timers = new ScheduleTimers((id) => due.push(id), clock)
    timers.arm('past', Date.now() - 1000)
    timers.arm('moved', Date.now() + 1000)
    timers.arm('moved', Date.now() + 5000)
    timers.arm('cleared', Date.now() + 1000)
    timers.clear('cleared')
    timers.arm('stopped', Date.now() + 9000)
    vi.advanceTimersByTime(0)
    expect(due).toEqual(['past'])
    vi.advanceTimersByTime(4999)
    expect(due).toEqual(['past'])
    vi.advanceTimersByTime(1)
    expect(due).toEqual(['past', 'moved'])
    timers.clearAll()
    vi.advanceTimersByTime(10_000)
    expect(due).toEqual(['past', 'moved'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a timer that fires before the engine’s clock reaches the time waits for the rest', () => {
    // setTimeout runs on a monotonic clock in whole milliseconds: it can fire a millisecond
    // before the engine's (wall) clock says the time has come.
    let engineNow = Date.now()
    const due: string[] = []
    const timers = new ScheduleTimers(
      (id) => due.push(id),
      () => engineNow
    )
    const at = engineNow + 1000
    timers.arm('early', at)
    engineNow = at - 1
    vi.advanceTimersByTime(1000)
    expect(due).toEqual([])
    engineNow = at
    vi.advanceTimersByTime(1)
    expect(due).toEqual(['early'])
  })
})
