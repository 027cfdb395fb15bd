import { afterEach, describe, expect, test } from 'vitest'
import { parseRetryAfter, postRequest } from '../../../src/main/providers/http'
import { startFake, type FakeByType } from '../../fakes'

const closers: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c.close()
})

describe('parseRetryAfter', () => {
  test('delta-seconds, HTTP dates (future and past) and garbage', () => {
    const now = Date.parse('2026-11-27T01:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500)
    expect(parseRetryAfter('Fri, 27 Nov 2026 01:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Fri, 27 Nov 2026 00:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('postRequest', () => {
  async function slowFake(): Promise<FakeByType['meta']> {
    const fake = await startFake('meta')
    closers.push(fake)
    fake.setLatency(1500)
    return fake
  }
  const body = (fake: FakeByType['meta']) => ({
    url: `${fake.url}/v21.0/${fake.options.phoneNumberId}/messages`,
    headers: {
      authorization: `Bearer ${fake.options.accessToken}`,
      'content-type': 'application/json'
    },
    body: '{}'
  })

  test('its own deadline turns a slow provider into a retryable timeout', async () => {
    const fake = await slowFake()
    const outcome = await postRequest(
      { ...body(fake), timeoutMs: 100 },
      new AbortController().signal
    )
    expect(outcome).toMatchObject({ kind: 'rejected', reason: 'timeout', retryable: true })
  })

  test('an already aborted caller signal is rethrown, not sent', async () => {
    const fake = await slowFake()
    const controller = new AbortController()
    controller.abort(new Error('shutdown'))
    await expect(postRequest(body(fake), controller.signal)).rejects.toThrow('shutdown')
    expect(fake.attempts).toHaveLength(0)
  })
})
