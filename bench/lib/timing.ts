import type { Engine } from '../../src/main/engine/createEngine'

/** How many timed calls each route gets, after two warm-up calls. */
const CALLS = 25

/** Times `CALLS` calls of one route through the engine's invoker; sorted milliseconds. */
export async function measure(engine: Engine, route: string, input: unknown): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < CALLS + 2; i++) {
    const started = performance.now()
    const result = await engine.invoke(route, input)
    const ms = performance.now() - started
    if (!result.ok) throw new Error(`${route}: ${result.error.message}`)
    if (i >= 2) times.push(ms) // two warm-up calls
    // Let timers run between calls, as between real requests, so the loop-delay monitor samples.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return times.sort((a, b) => a - b)
}

export const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)]!
export const p95 = (sorted: number[]): number => sorted[Math.ceil(sorted.length * 0.95) - 1]!
export const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED')
