import type { IncomingMessage } from 'node:http'

export interface SignInLimitOptions {
  /** Failed sign-ins an address may make within `windowMs` (then it waits). */
  maxFailures?: number
  windowMs?: number
  now?: () => number
}

// Bounded memory under a flood from many addresses: the oldest address is forgotten first.
const MAX_ADDRESSES = 10_000

/**
 * Failed bearer attempts per client address (issue #22): after `maxFailures` within `windowMs`
 * the address is refused (429 with Retry-After) before its token is even checked, until its
 * oldest failure leaves the window, so a weak TICKBOARD_API_TOKEN cannot be guessed at speed.
 * Successful calls are not counted.
 */
export function createSignInLimit(options: SignInLimitOptions = {}) {
  const maxFailures = options.maxFailures ?? 10
  const windowMs = options.windowMs ?? 60_000
  const now = options.now ?? Date.now
  const failures = new Map<string, number[]>()

  function recent(address: string, at: number): number[] {
    const times = (failures.get(address) ?? []).filter((t) => t > at - windowMs)
    if (times.length) failures.set(address, times)
    else failures.delete(address)
    return times
  }

  return {
    /** Seconds the address must wait, or 0 when it may try. */
    retryAfter(address: string): number {
      const at = now()
      const times = recent(address, at)
      if (times.length < maxFailures) return 0
      return Math.max(1, Math.ceil((times[times.length - maxFailures]! + windowMs - at) / 1000))
    },
    failed(address: string): void {
      const times = recent(address, now())
      times.push(now())
      failures.delete(address)
      failures.set(address, times.slice(-maxFailures))
      if (failures.size > MAX_ADDRESSES) failures.delete(failures.keys().next().value!)
    }
  }
}
export type SignInLimit = ReturnType<typeof createSignInLimit>

/**
 * The client's address: behind the reverse proxy of a team server (the engine binds loopback
 * only, so every peer is local) the last `X-Forwarded-For` entry, which the proxy appends;
 * otherwise the socket's.
 */
export function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for']
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .pop()
  return last ?? req.socket.remoteAddress ?? 'unknown'
}
