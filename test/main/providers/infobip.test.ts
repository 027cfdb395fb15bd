import { describe, expect, test } from 'vitest'
import { infobipAdapter } from '../../../src/main/providers/infobip'
import { parseInfobipCallback } from '../../../src/main/providers/infobip/callbacks'
import { MalformedCallbackError, type SendRequest } from '../../../src/main/providers/types'
import { rawBody, startFake, toRaw, type FakeByType } from '../../fakes'
import { startReceiver } from '../../fakes/receiver'
import { useClosers } from '../../helpers/closers'

const closeAfter = useClosers()
async function infobip(): Promise<FakeByType['infobip']> {
  const fake = await startFake('infobip')
  closeAfter(() => fake.close())
  return fake
}

const NOTIFY = 'https://tunnel.example/hooks/prov-1/secret'
const request = (to: string, ourId = `our-${to}`): SendRequest => ({
  ourId,
  to,
  template: { name: 'order_update', language: 'en', params: ['Ana', '#1234'] },
  callbackUrl: NOTIFY
})
const send = (fake: FakeByType['infobip'], req: SendRequest, signal = AbortSignal.timeout(5000)) =>
  infobipAdapter.send(fake.account(), req, signal)

describe('Infobip send', () => {
  test('JSON messages[] with App auth, messageId = callbackData = our id, and notifyUrl', async () => {
    const fake = await infobip()
    const outcome = await send(fake, request('+15551234567', 'msg-1'))
    const accepted = fake.requests[0]!
    // Infobip keeps a client-chosen messageId: its id for the message is ours.
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: 'msg-1' })
    expect(accepted.providerMessageId).toBe('msg-1')
    expect(accepted.headers.authorization).toBe(`App ${fake.options.apiKey}`)
    expect(accepted.body).toEqual({
      messages: [
        {
          from: '15550009999',
          to: '15551234567',
          messageId: 'msg-1',
          content: {
            templateName: 'order_update',
            templateData: { body: { placeholders: ['Ana', '#1234'] } },
            language: 'en'
          },
          callbackData: 'msg-1',
          notifyUrl: NOTIFY
        }
      ]
    })
    expect(accepted.ourId).toBe('msg-1')
  })

  test('401 UNAUTHORIZED, 400 BAD_REQUEST, 429 with Retry-After, 5xx', async () => {
    const fake = await infobip()
    const denied = await infobipAdapter.send(
      fake.account({ apiKey: 'nope' }),
      request('+15551234567'),
      AbortSignal.timeout(5000)
    )
    expect(denied).toEqual({
      kind: 'rejected',
      reason: 'auth_failed',
      providerCode: 'UNAUTHORIZED',
      providerMessage: 'Invalid login details',
      retryable: false
    })
    fake.script('+15551234561', { kind: 'http', status: 400, message: 'messages[0].to: invalid' })
    fake.script('+15551234562', { kind: 'http', status: 429, retryAfter: '2' })
    fake.script('+15551234563', { kind: 'http', status: 503 })
    expect(await send(fake, request('+15551234561'))).toMatchObject({
      reason: 'invalid_request',
      providerCode: 'BAD_REQUEST',
      providerMessage: 'messages[0].to: invalid'
    })
    expect(await send(fake, request('+15551234562'))).toMatchObject({
      reason: 'rate_limited',
      providerCode: 'TOO_MANY_REQUESTS',
      retryAfterMs: 2000,
      retryable: true
    })
    expect(await send(fake, request('+15551234563'))).toMatchObject({
      reason: 'provider_error',
      providerCode: 'SERVICE_UNAVAILABLE',
      retryable: true
    })
  })

  test('a 200 whose message status is REJECTED is not a send', async () => {
    const fake = await infobip()
    fake.script('+15551234567', { kind: 'refuse' })
    expect(await send(fake, request('+15551234567'))).toMatchObject({
      reason: 'invalid_request',
      providerCode: 'REJECTED_DESTINATION',
      retryable: false
    })
    expect(fake.requests).toHaveLength(0)
  })

  test('timeout and dropped connection', async () => {
    const fake = await infobip()
    fake.script('+15551234567', { kind: 'slow', ms: 1500 })
    fake.script('+15551234568', { kind: 'drop' })
    expect(await send(fake, request('+15551234567'), AbortSignal.timeout(100))).toMatchObject({
      reason: 'timeout'
    })
    expect(await send(fake, request('+15551234568'))).toMatchObject({ reason: 'network' })
  })
})

describe('Infobip callbacks', () => {
  test('verify: no signature scheme to check', async () => {
    const fake = await infobip()
    const [cb] = fake.render(
      [{ kind: 'status', id: 'x', status: 'DELIVERED', to: '+15551234567' }],
      { url: NOTIFY }
    )
    expect(infobipAdapter.verifyCallback(fake.account(), toRaw(cb!))).toBe('unsigned_provider')
  })

  test('parse: batched delivery reports by group, seen → read, failures keep the error', async () => {
    const fake = await infobip()
    await send(fake, request('+15551234567', 'a'))
    await send(fake, request('+15551234568', 'b'))
    const [a, b] = fake.requests.map((r) => r.providerMessageId)
    const t = 1_751_371_200_000
    const rendered = fake.render(
      [
        { kind: 'status', id: a!, status: 'PENDING', at: t },
        { kind: 'status', id: a!, status: 'DELIVERED', at: t + 2000 },
        {
          kind: 'status',
          id: b!,
          status: 'UNDELIVERABLE',
          at: t + 3000,
          error: { code: 7003, title: 'EC_NOT_A_WHATSAPP_USER', detail: 'Not on WhatsApp' }
        },
        { kind: 'status', id: a!, status: 'SEEN', at: t + 9000 }
      ],
      { batch: true }
    )
    expect(rendered).toHaveLength(2) // reports share one POST, the seen report has its own
    const events = rendered.flatMap((cb) => infobipAdapter.parseCallback(fake.account(), toRaw(cb)))
    expect(events).toEqual([
      {
        kind: 'status',
        providerMessageId: a,
        ourId: 'a',
        status: 'sent',
        at: t,
        recipient: '+15551234567'
      },
      {
        kind: 'status',
        providerMessageId: a,
        ourId: 'a',
        status: 'delivered',
        at: t + 2000,
        recipient: '+15551234567'
      },
      {
        kind: 'status',
        providerMessageId: b,
        ourId: 'b',
        status: 'failed',
        at: t + 3000,
        recipient: '+15551234568',
        errorCode: '7003',
        errorTitle: 'EC_NOT_A_WHATSAPP_USER',
        errorDetail: 'Not on WhatsApp'
      },
      {
        kind: 'status',
        providerMessageId: a,
        ourId: null,
        status: 'read',
        at: t + 9000,
        recipient: '+15551234567'
      }
    ])
  })

  test('parse: an inbound reply with a context id', async () => {
    const fake = await infobip()
    const [cb] = fake.render(
      [
        {
          kind: 'inbound',
          from: '+15551234567',
          text: 'Yes please',
          id: 'in-1',
          quotedId: 'out-1',
          at: 1_751_371_500_000
        }
      ],
      { url: NOTIFY }
    )
    expect(parseInfobipCallback(toRaw(cb!))).toEqual([
      {
        kind: 'inbound',
        providerMessageId: 'in-1',
        from: '+15551234567',
        at: 1_751_371_500_000,
        text: 'Yes please',
        quotedProviderMessageId: 'out-1'
      }
    ])
  })

  test('parse: what it cannot read is one ignored item by reason; only non-JSON throws', () => {
    expect(() => parseInfobipCallback(rawBody('nope'))).toThrow(MalformedCallbackError)
    const cases: [string, string][] = [
      ['{"results":{}}', 'malformed_item'],
      ['{"results":[{"foo":1}]}', 'malformed_item'],
      [
        '{"results":[{"messageId":"m","status":{"groupName":"WEIRD"},"doneAt":"2025-07-01T12:00:00.000+0000"}]}',
        'unknown_status:WEIRD'
      ],
      ['{"results":[{"messageId":"m","status":{"groupName":"DELIVERED"}}]}', 'malformed_item']
    ]
    for (const [body, reason] of cases)
      expect(parseInfobipCallback(rawBody(body)), body).toEqual([
        { kind: 'ignored', reason, sample: expect.any(String) }
      ])
  })

  test('emit posts reports to the notifyUrl given with the message', async () => {
    const receiver = await startReceiver()
    closeAfter(() => receiver.close())
    const fake = await infobip()
    const hook = `${receiver.url}/hooks/prov-1/tok`
    await infobipAdapter.send(
      fake.account(),
      { ...request('+15551234567', 'z'), callbackUrl: hook },
      AbortSignal.timeout(5000)
    )
    const id = fake.requests[0]!.providerMessageId
    expect(
      await fake.emit([{ kind: 'status', id, status: 'DELIVERED' }], { reverse: true })
    ).toEqual([200])
    expect(receiver.received[0]!.publicUrl).toBe(hook)
    expect(infobipAdapter.parseCallback(fake.account(), receiver.received[0]!)).toMatchObject([
      { providerMessageId: id, ourId: 'z', status: 'delivered' }
    ])
  })
})
