import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export interface SignInLimitOptions {
  /** Failed sign-ins an address may make within `windowMs` (then it waits). */
  maxFailures?: number
  windowMs?: number
  now?: () => number
}

// Bounded memory under a flood from many addresses: the oldest address is forgotten first.
const MAX_ADDRESSES = 10_000
// Tokens remembered per address as having signed in from it (a team behind one office address).
const MAX_KNOWN_PER_ADDRESS = 50
const KNOWN_FOR_MS = 24 * 3600_000

/**
 * Failed bearer attempts per client address (issue #22): after `maxFailures` within `windowMs`
 * the address is refused (429 with Retry-After) before its token is even checked, until its
 * oldest failure leaves the window, so a weak TICKBOARD_API_TOKEN cannot be guessed at speed.
 * Successful calls are not counted, and a token that already signed in from the address (within a
 * day) still passes while the address waits: one mistyped token in an office must not lock out
 * every teammate behind the same address. That is no oracle for a guesser: a token it has not
 * guessed yet was never known good, so every new guess still waits.
 */
export function createSignInLimit(options: SignInLimitOptions = {}) {
  const maxFailures = options.maxFailures ?? 10
  const windowMs = options.windowMs ?? 60_000
  const now = options.now ?? Date.now
  const failures = new Map<string, number[]>()
  const knownGood = new Map<string, Map<string, number>>()

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
    /** Whether this Authorization header signed in from the address within the last day. */
    knownGood(address: string, authorization: string | undefined): boolean {
      const at = knownGood.get(address)?.get(keyOf(authorization))
      return at !== undefined && at > now() - KNOWN_FOR_MS
    },
    succeeded(address: string, authorization: string | undefined): void {
      const known = knownGood.get(address) ?? new Map<string, number>()
      setNewest(known, keyOf(authorization), now(), MAX_KNOWN_PER_ADDRESS)
      setNewest(knownGood, address, known, MAX_ADDRESSES)
    },
    failed(address: string): void {
      const times = recent(address, now())
      times.push(now())
      setNewest(failures, address, times.slice(-maxFailures), MAX_ADDRESSES)
    }
  }
}
export type SignInLimit = ReturnType<typeof createSignInLimit>

/**
 * Sets `key` as the newest entry of `map` and, past `max` entries, forgets the oldest: a Map
 * iterates in insertion order, so deleting before setting moves the key to the end.
 */
function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key)
  map.set(key, value)
  if (map.size > max) map.delete(map.keys().next().value!)
}

/** Only a hash of the header is kept in memory, never the token. */
const keyOf = (authorization: string | undefined): string =>
  createHash('sha256')
    .update(authorization ?? '')
    .digest('base64url')

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
