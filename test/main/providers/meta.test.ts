import { describe, expect, test } from 'vitest'
import { metaAdapter } from '../../../src/main/providers/meta'
import { request, send, useMetaFakes } from './metaSetup'

const { meta, open: fakes } = useMetaFakes()

describe('Meta send', () => {
  test('sends the Cloud API template shape with our id and returns the wamid', async () => {
    const fake = await meta({ templates: { order_update: 2 } })
    const outcome = await send(fake, request('+15551234567', 'msg-1'))
    expect(fake.requests).toHaveLength(1)
    const accepted = fake.requests[0]!
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: accepted.providerMessageId })
    expect(accepted.providerMessageId).toMatch(/^wamid\./)
    expect(accepted.headers.authorization).toBe(`Bearer ${fake.options.accessToken}`)
    expect(accepted.ourId).toBe('msg-1')
    expect(accepted.template).toEqual({
      name: 'order_update',
      language: 'en_US',
      params: ['Ana', '#1234']
    })
    expect(accepted.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '15551234567',
      type: 'template',
      biz_opaque_callback_data: 'msg-1',
      template: {
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: '#1234' }
            ]
          }
        ]
      }
    })
  })

  test('360dialog variant: POST /messages with D360-API-KEY and the same body', async () => {
    const fake = await meta({ authScheme: 'd360' })
    const outcome = await send(fake, request('+15551234567'))
    expect(outcome.kind).toBe('accepted')
    expect(fake.requests[0]!.headers['d360-api-key']).toBe(fake.options.accessToken)
    expect(fake.requests[0]!.headers.authorization).toBeUndefined()
    const bad = await metaAdapter.send(
      fake.account({ accessToken: 'nope' }),
      request('+15551234568'),
      AbortSignal.timeout(5000)
    )
    expect(bad).toMatchObject({
      kind: 'rejected',
      reason: 'auth_failed',
      providerCode: '401',
      retryable: false
    })
  })

  test('a wrong token is auth_failed with Graph code 190', async () => {
    const fake = await meta()
    const outcome = await metaAdapter.send(
      fake.account({ accessToken: 'expired' }),
      request('+15551234567'),
      AbortSignal.timeout(5000)
    )
    expect(outcome).toMatchObject({
      kind: 'rejected',
      reason: 'auth_failed',
      providerCode: '190',
      retryable: false
    })
    expect(fake.requests).toHaveLength(0)
  })

  test('400 with a provider code is invalid_request and keeps code and message', async () => {
    const fake = await meta()
    fake.script('+15551234567', {
      kind: 'http',
      status: 400,
      code: 131009,
      message: '(#131009) Parameter value is not valid'
    })
    expect(await send(fake, request('+15551234567'))).toEqual({
      kind: 'rejected',
      reason: 'invalid_request',
      providerCode: '131009',
      providerMessage: '(#131009) Parameter value is not valid',
      retryable: false
    })
  })

  test('an unknown template and a parameter count mismatch fail like Meta', async () => {
    const fake = await meta({ templates: { other: 1, order_update: 3 } })
    const unknown = await send(fake, {
      ...request('+15551234567'),
      template: { name: 'nope', language: 'en', params: [] }
    })
    expect(unknown).toMatchObject({ reason: 'invalid_request', providerCode: '132001' })
    expect(await send(fake, request('+15551234567'))).toMatchObject({
      reason: 'invalid_request',
      providerCode: '132000'
    })
  })

  test('429 honours Retry-After in seconds and as an HTTP date', async () => {
    const fake = await meta()
    fake.script('+15551234567', { kind: 'http', status: 429, retryAfter: '7' }, 1)
    expect(await send(fake, request('+15551234567'))).toMatchObject({
      reason: 'rate_limited',
      providerCode: '130429',
      retryable: true,
      retryAfterMs: 7000
    })
    const later = new Date(Date.now() + 60_000).toUTCString()
    fake.script('+15551234567', { kind: 'http', status: 429, retryAfter: later }, 1)
    const dated = await send(fake, request('+15551234567'))
    expect(dated).toMatchObject({ reason: 'rate_limited', retryable: true })
    expect(dated.kind === 'rejected' && dated.retryAfterMs).toBeGreaterThan(55_000)
    // The script ran out: the same recipient now goes through.
    expect((await send(fake, request('+15551234567'))).kind).toBe('accepted')
  })

  test('a throughput code is rate_limited even without a 429 status', async () => {
    const fake = await meta()
    fake.script('+15551234567', {
      kind: 'http',
      status: 400,
      code: 131056,
      message: '(#131056) Pair rate limit hit'
    })
    expect(await send(fake, request('+15551234567'))).toMatchObject({
      reason: 'rate_limited',
      retryable: true
    })
  })

  test('a 500 (131000) may have been accepted: never retried; a 503 (131016) is retried', async () => {
    const fake = await meta()
    fake.script('+15551234567', { kind: 'http', status: 500 })
    fake.script('+15551234568', { kind: 'http', status: 503 })
    expect(await send(fake, request('+15551234567'))).toMatchObject({
      reason: 'provider_error',
      providerCode: '131000',
      retryable: false,
      mayHaveArrived: true
    })
    expect(await send(fake, request('+15551234568'))).toMatchObject({
      reason: 'provider_error',
      providerCode: '131016',
      retryable: true
    })
  })

  test('a slow answer past the deadline is a timeout that may have arrived, not retried', async () => {
    const fake = await meta()
    fake.script('+15551234567', { kind: 'slow', ms: 1500 })
    expect(await send(fake, request('+15551234567'), AbortSignal.timeout(100))).toMatchObject({
      reason: 'timeout',
      retryable: false,
      mayHaveArrived: true
    })
  })

  test('a connection dropped after the request may have arrived; a refused one never left and is retried', async () => {
    const fake = await meta()
    fake.script('+15551234567', { kind: 'drop' })
    expect(await send(fake, request('+15551234567'))).toMatchObject({
      reason: 'network',
      retryable: false,
      mayHaveArrived: true
    })
    expect(fake.attempts).toEqual([{ to: '+15551234567', status: 'dropped' }])
    const account = fake.account()
    await fake.close()
    fakes.splice(fakes.indexOf(fake), 1)
    const refused = await metaAdapter.send(
      account,
      request('+15551234567'),
      AbortSignal.timeout(5000)
    )
    expect(refused).toMatchObject({
      reason: 'network',
      providerCode: 'ECONNREFUSED',
      retryable: true
    })
  })

  test("a caller's own abort (cancel) is not disguised as a provider outcome", async () => {
    const fake = await meta()
    fake.script('+15551234567', { kind: 'slow', ms: 1500 })
    const controller = new AbortController()
    const pending = send(fake, request('+15551234567'), controller.signal)
    setTimeout(() => controller.abort(new Error('cancelled by operator')), 50)
    await expect(pending).rejects.toThrow('cancelled by operator')
  })
})
