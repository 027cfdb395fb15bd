/**
 * Calls `fire(key)` at most once per `intervalMs` per key: the first change fires at once, later
 * ones within the interval collapse into one trailing call (so the last change is never lost).
 */
export function createKeyedThrottle(fire: (key: string) => void, intervalMs = 250) {
  const last = new Map<string, number>()
  const timers = new Map<string, NodeJS.Timeout>()
  return {
    touch(key: string): void {
      if (timers.has(key)) return
      const wait = (last.get(key) ?? -Infinity) + intervalMs - Date.now()
      if (wait <= 0) {
        last.set(key, Date.now())
        fire(key)
        return
      }
      const timer = setTimeout(() => {
        timers.delete(key)
        last.set(key, Date.now())
        fire(key)
      }, wait)
      timer.unref()
      timers.set(key, timer)
    },
    stop(): void {
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    }
  }
}
export type KeyedThrottle = ReturnType<typeof createKeyedThrottle>
