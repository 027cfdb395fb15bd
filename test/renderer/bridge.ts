import type { RawBridge } from '../../src/preload/index.d'

export interface Call {
  route: string
  input: unknown
  resolve(data: unknown): void
  reject(error: { code: string; message: string; details?: unknown }): void
}

/**
 * The preload bridge as the renderer sees it (`window.tickboard`), answering nothing until a test
 * settles each call, so tests choose the order answers arrive in. Install before importing
 * `lib/api.ts` (it picks its transport when loaded).
 */
export function installBridge() {
  const calls: Call[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const bridge: RawBridge = {
    invoke: (route, input) =>
      new Promise((done) =>
        calls.push({
          route,
          input,
          resolve: (data) => done({ ok: true, data }),
          reject: (error) => done({ ok: false, error })
        })
      ),
    on(event, callback) {
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      return () => set.delete(callback)
    }
  }
  window.tickboard = bridge
  return {
    calls,
    /** Calls of one route, in the order they were made. */
    of: (route: string) => calls.filter((c) => c.route === route),
    /** Answers every open call of a route with `data`. */
    answerAll(route: string, data: (input: unknown) => unknown) {
      for (const c of calls.splice(0)) {
        if (c.route === route) c.resolve(data(c.input))
        else calls.push(c)
      }
    }
  }
}

/** Lets resolved promises run their continuations. */
export const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0))
