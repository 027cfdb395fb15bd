import { describe, expect, it } from 'vitest'
import { inControlGroup } from '../../../src/main/dispatch/controlGroup'
import { fillParams, placeholdersOf } from '../../../src/main/templates/fill'
import { BURST_CONSECUTIVE, CircuitBreaker, WINDOW } from '../../../src/main/dispatch/breaker'
import { retryDelayMs } from '../../../src/main/dispatch/retry'
import { TokenBucket } from '../../../src/main/dispatch/tokenBucket'

const rejected = (reason: 'invalid_request' | 'auth_failed') => ({
  kind: 'rejected' as const,
  reason,
  providerCode: '190',
  providerMessage: 'Invalid OAuth access token',
  retryable: false
})

describe('control group', () => {
  it('is deterministic and close to the asked share', () => {
    let inControl = 0
    for (let id = 1; id <= 20_000; id++) {
      const a = inControlGroup('campaign-1', id, 20)
      expect(inControlGroup('campaign-1', id, 20)).toBe(a)
      if (a) inControl++
    }
    expect(inControl / 20_000).toBeGreaterThan(0.19)
    expect(inControl / 20_000).toBeLessThan(0.21)
    expect(inControlGroup('c', 1, 0)).toBe(false)
  })
  it('differs between campaigns', () => {
    let same = 0
    for (let id = 1; id <= 1000; id++)
      if (inControlGroup('a', id, 50) === inControlGroup('b', id, 50)) same++
    expect(same).toBeGreaterThan(400)
    expect(same).toBeLessThan(600)
  })
})

describe('template parameters', () => {
  const contact = { phone: '+14155550100', name: 'Ana', properties: { city: 'Pune', blank: '  ' } }
  it('fills name, phone and properties', () => {
    expect(fillParams(['Hi {{ name }}', '{{phone}}/{{city}}', 'fixed'], contact)).toEqual({
      ok: true,
      params: ['Hi Ana', '+14155550100/Pune', 'fixed']
    })
  })
  it('treats a missing or blank placeholder as missing, never as an empty string', () => {
    expect(fillParams(['{{city}} {{tier}} {{blank}}'], contact)).toEqual({
      ok: false,
      missing: ['tier', 'blank']
    })
    expect(placeholdersOf(['{{a}} {{b}}', '{{a}}'])).toEqual(['a', 'b'])
  })
})

describe('token bucket', () => {
  it('yields the configured rate over simulated time and caps bursts', () => {
    const bucket = new TokenBucket(200, 0)
    let granted = 0
    for (let ms = 5; ms <= 10_000; ms += 5) {
      const n = bucket.available(ms)
      bucket.take(n)
      granted += n
    }
    expect(Math.abs(granted - 2000)).toBeLessThanOrEqual(2)
    expect(bucket.available(60_000)).toBe(20)
  })
})

describe('retry delay', () => {
  it('grows exponentially with jitter and honours Retry-After', () => {
    for (let i = 0; i < 50; i++) {
      const d1 = retryDelayMs(1, 1000)
      expect(d1).toBeGreaterThanOrEqual(500)
      expect(d1).toBeLessThanOrEqual(1000)
      const d3 = retryDelayMs(3, 1000)
      expect(d3).toBeGreaterThanOrEqual(2000)
      expect(d3).toBeLessThanOrEqual(4000)
      expect(retryDelayMs(1, 1000, 5000)).toBeGreaterThanOrEqual(5000)
    }
  })
})

describe('circuit breaker', () => {
  it('trips at once on auth failures', () => {
    expect(new CircuitBreaker().failure(rejected('auth_failed'))).toMatch(
      /^Provider rejected the credentials \(401\): Invalid OAuth access token, code 190/
    )
  })
  it('does not trip on scattered failures (1 in 5)', () => {
    const b = new CircuitBreaker()
    for (let i = 0; i < 200; i++) {
      if (i % 5 === 0) expect(b.failure(rejected('invalid_request'))).toBeNull()
      else b.success()
    }
  })

  it(`trips on ${BURST_CONSECUTIVE} consecutive failures while the share rule is far from tripping`, () => {
    const b = new CircuitBreaker()
    // A window full of successes: 20 failures then are 40% of the last 50, below the 50% rule.
    for (let i = 0; i < WINDOW; i++) b.success()
    for (let i = 1; i < BURST_CONSECUTIVE; i++)
      expect(b.failure(rejected('invalid_request')), `failure ${i}`).toBeNull()
    expect(b.failure(rejected('invalid_request'))).toMatch(
      /^Paused after 20 failed messages in a row \(last: invalid_request/
    )
  })

  it('trips when half of the last 50 outcomes failed, with never two failures in a row', () => {
    const b = new CircuitBreaker()
    for (let pair = 1; pair < WINDOW / 2; pair++) {
      b.success()
      expect(b.failure(rejected('invalid_request')), `pair ${pair}`).toBeNull()
    }
    b.success()
    // The 50th outcome fills the window: 25 failures of the last 50.
    expect(b.failure(rejected('invalid_request'))).toMatch(
      /^Paused: 25 of the last 50 messages failed \(last: invalid_request/
    )
  })
})

describe('provider lane', () => {
  it('shares one account rate between campaigns, fairly, never above it', async () => {
    const { ProviderLane } = await import('../../../src/main/dispatch/lane')
    const lane = new ProviderLane(50)
    // Stand-ins for campaign runners that always have work and their own (higher) throttle.
    const stub = (rate: number) => {
      const bucket = new TokenBucket(rate, 0)
      return {
        sent: 0,
        capacity: (now: number) => bucket.available(now),
        dispatch(n: number) {
          bucket.take(n)
          this.sent += n
        }
      }
    }
    const a = stub(80)
    const b = stub(80)
    lane.add(a as never)
    lane.add(b as never)
    for (let ms = 5; ms <= 10_000; ms += 5) lane.tick(ms)
    // The lane's bucket was created at performance.now(); simulated ticks start from there.
    expect(a.sent + b.sent).toBeLessThanOrEqual(502)
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(480)
    expect(Math.abs(a.sent - b.sent)).toBeLessThanOrEqual(10)
  })
})
