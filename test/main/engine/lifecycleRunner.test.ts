import { describe, expect, it } from 'vitest'
import { createLifecycle, type Service } from '../../../src/main/kernel/lifecycle'

/** A service that records what ran into `trace`; `fail` makes that step throw. */
function recording(name: string, trace: string[], fail?: 'start' | 'stop'): Service {
  return {
    async start() {
      trace.push(`${name} started`)
      if (fail === 'start') throw new Error(`${name} cannot start`)
    },
    stop() {
      trace.push(`${name} stopped`)
      if (fail === 'stop') throw new Error(`${name} cannot stop`)
    }
  }
}

describe('the lifecycle runner behind createEngine', () => {
  it('a failed start stops what started, in reverse, and names the service that failed', async () => {
    const trace: string[] = []
    const lifecycle = createLifecycle(
      [
        ['a', recording('a', trace)],
        ['b', recording('b', trace)],
        ['c', recording('c', trace, 'start')],
        ['d', recording('d', trace)]
      ],
      () => undefined
    )
    await expect(lifecycle.start()).rejects.toThrow('The c service failed to start: c cannot start')
    expect(trace).toEqual(['a started', 'b started', 'c started', 'b stopped', 'a stopped'])
    expect(lifecycle.steps()).toEqual(['start:a', 'start:b', 'start:c', 'stop:b', 'stop:a'])
    // Nothing is left to stop, and nothing stops twice.
    await lifecycle.stop()
    expect(trace).toHaveLength(5)
  })

  it('a service that fails to stop is logged and the ones before it still stop', async () => {
    const trace: string[] = []
    const logged: string[] = []
    const lifecycle = createLifecycle(
      [
        ['a', recording('a', trace)],
        ['b', recording('b', trace, 'stop')],
        ['c', recording('c', trace)]
      ],
      (message, err) => logged.push(`${message}: ${(err as Error).message}`)
    )
    await lifecycle.start()
    await expect(lifecycle.start()).rejects.toThrow('started already')
    await Promise.all([lifecycle.stop(), lifecycle.stop()])
    expect(trace).toEqual([
      'a started',
      'b started',
      'c started',
      'c stopped',
      'b stopped',
      'a stopped'
    ])
    expect(logged).toEqual(['the b service failed to stop cleanly: b cannot stop'])
  })
})
