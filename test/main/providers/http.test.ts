import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, test } from 'vitest'
import { classifyHttpError, parseRetryAfter, postRequest } from '../../../src/main/providers/http'
import { startFake, type FakeByType } from '../../fakes'
import { useClosers } from '../../helpers/closers'

const closeAfter = useClosers()

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
    closeAfter(() => fake.close())
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

  test('its own deadline turns a slow provider into a timeout that may have arrived, never retried', async () => {
    const fake = await slowFake()
    const outcome = await postRequest(
      { ...body(fake), timeoutMs: 100 },
      new AbortController().signal
    )
    expect(outcome).toMatchObject({
      kind: 'rejected',
      reason: 'timeout',
      retryable: false,
      mayHaveArrived: true
    })
  })

  test('a connection refused never left: retryable; a reset after the request was written may have arrived', async () => {
    // A port that was just free: nothing listens, the connection is refused before a byte is sent.
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((r) => probe.close(() => r()))
    const refused = await postRequest(
      { url: `http://127.0.0.1:${port}/messages`, headers: {}, body: '{}' },
      new AbortController().signal
    )
    expect(refused).toMatchObject({
      reason: 'network',
      providerCode: 'ECONNREFUSED',
      retryable: true
    })
    expect(refused).not.toHaveProperty('mayHaveArrived')

    const fake = await startFake('meta')
    closeAfter(() => fake.close())
    fake.script('+15551230000', { kind: 'acceptThenDrop' }, 1)
    const request = body(fake)
    const send = JSON.stringify({
      messaging_product: 'whatsapp',
      to: '15551230000',
      type: 'template',
      template: { name: 'offer', language: { code: 'en' } }
    })
    const reset = await postRequest({ ...request, body: send }, new AbortController().signal)
    expect(reset).toMatchObject({ reason: 'network', retryable: false, mayHaveArrived: true })
    expect(fake.deliveriesPerRecipient().get('+15551230000')).toBe(1)
  })

  test('a 503 is retried; any other 5xx may follow an accepted send', () => {
    const answer = (status: number) => ({
      kind: 'response' as const,
      status,
      headers: new Headers({ 'retry-after': '2' }),
      text: '',
      json: undefined
    })
    const none = { code: null, message: null }
    expect(classifyHttpError(answer(503), none)).toMatchObject({
      reason: 'provider_error',
      retryable: true,
      retryAfterMs: 2000
    })
    for (const status of [500, 502, 504])
      expect(classifyHttpError(answer(status), none)).toMatchObject({
        reason: 'provider_error',
        retryable: false,
        mayHaveArrived: true
      })
    expect(classifyHttpError(answer(429), none)).toMatchObject({ retryable: true })
    expect(classifyHttpError(answer(429), none)).not.toHaveProperty('mayHaveArrived')
  })

  test('an already aborted caller signal is rethrown, not sent', async () => {
    const fake = await slowFake()
    const controller = new AbortController()
    controller.abort(new Error('shutdown'))
    await expect(postRequest(body(fake), controller.signal)).rejects.toThrow('shutdown')
    expect(fake.attempts).toHaveLength(0)
  })
})
