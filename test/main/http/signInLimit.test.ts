import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { clientAddress, createSignInLimit } from '../../../src/main/http/signInLimit'

describe('sign-in limit per client address', () => {
  it('refuses after 10 failures in a minute until the oldest leaves the minute', () => {
    let now = 1_000_000
    const limit = createSignInLimit({ now: () => now })
    for (let i = 0; i < 10; i++) {
      expect(limit.retryAfter('a')).toBe(0)
      limit.failed('a')
      now += 1000
    }
    // The first failure was at 1,000,000; it leaves the window at 1,060,000 (now 1,010,000).
    expect(limit.retryAfter('a')).toBe(50)
    expect(limit.retryAfter('b')).toBe(0)
    now += 49_500
    expect(limit.retryAfter('a')).toBe(1)
    now += 500
    expect(limit.retryAfter('a')).toBe(0)
    // One more failure fills the window again: the next oldest (1,001,000) leaves in 1 s.
    limit.failed('a')
    expect(limit.retryAfter('a')).toBe(1)
  })

  it('lets a token that signed in from the address through while the address waits', () => {
    let now = 1_000_000
    const limit = createSignInLimit({ now: () => now })
    limit.succeeded('office', 'Bearer teammate')
    for (let i = 0; i < 10; i++) limit.failed('office')
    expect(limit.retryAfter('office')).toBeGreaterThan(0)
    expect(limit.knownGood('office', 'Bearer teammate')).toBe(true)
    // A new guess was never known good, and a known token is known only from its own address.
    expect(limit.knownGood('office', 'Bearer guess')).toBe(false)
    expect(limit.knownGood('elsewhere', 'Bearer teammate')).toBe(false)
    now += 24 * 3600_000 + 1
    expect(limit.knownGood('office', 'Bearer teammate')).toBe(false)
  })

  it('takes the proxy’s last X-Forwarded-For entry, else the socket’s address', () => {
    const req = (headers: Record<string, string>) =>
      ({ headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage
    expect(clientAddress(req({ 'x-forwarded-for': '10.0.0.9, 203.0.113.7' }))).toBe('203.0.113.7')
    expect(clientAddress(req({}))).toBe('127.0.0.1')
  })
})
