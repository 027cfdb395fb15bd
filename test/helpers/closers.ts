import { afterEach } from 'vitest'

/**
 * What a test started (engines, fakes, servers) is closed after it, last started first; returns
 * the function that registers them (several at once close in reverse too).
 */
export function useClosers(): (...close: (() => Promise<void>)[]) => void {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })
  return (...close) => {
    closers.push(...close)
  }
}
