import { describe, expect, test } from 'vitest'
import { gupshupAdapter } from '../../../src/main/providers/gupshup'
import { parseGupshupCallback } from '../../../src/main/providers/gupshup/callbacks'
import { MalformedCallbackError, type SendRequest } from '../../../src/main/providers/types'
import { rawBody, startFake, toRaw, type FakeByType } from '../../fakes'
import { startReceiver } from '../../fakes/receiver'
import { useClosers } from '../../helpers/closers'

const closeAfter = useClosers()
async function gupshup(): Promise<FakeByType['gupshup']> {
  const fake = await startFake('gupshup')
  closeAfter(() => fake.close())
  return fake
}

const TEMPLATE_ID = '4e2b8f1c-9a51-4c3e-8d1f-2a6b7c8d9e0f'
const request = (to: string): SendRequest => ({
  ourId: `our-${to}`,
  to,
  template: { name: TEMPLATE_ID, language: 'en', params: ['Ana', '#1234'] },
  callbackUrl: 'https://tunnel.example/hooks/p/t'
})
const send = (fake: FakeByType['gupshup'], req: SendRequest, signal = AbortSignal.timeout(5000)) =>
  gupshupAdapter.send(fake.account(), req, signal)

describe('Gupshup send', () => {
  test('form fields with the apikey header; the Gupshup messageId comes back', async () => {
    const fake = await gupshup()
    const outcome = await send(fake, request('+15551234567'))
    const accepted = fake.requests[0]!
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: accepted.providerMessageId })
    expect(accepted.headers.apikey).toBe(fake.options.apiKey)
    expect(accepted.body).toEqual({
      channel: 'whatsapp',
      source: '15550009999',
      'src.name': 'TickboardDemo',
      destination: '15551234567',
      template: JSON.stringify({ id: TEMPLATE_ID, params: ['Ana', '#1234'] })
    })
    // Gupshup has nowhere to echo our id: its own id is the only link.
    expect(accepted.ourId).toBeNull()
  })

  test('a wrong key is auth_failed; 400, 429 (code 4001, Retry-After) and 5xx map with their messages', async () => {
    const fake = await gupshup()
    const denied = await gupshupAdapter.send(
      fake.account({ apiKey: 'nope' }),
      request('+15551234567'),
      AbortSignal.timeout(5000)
    )
    expect(denied).toEqual({
      kind: 'rejected',
      reason: 'auth_failed',
      providerCode: null,
      providerMessage: 'Authentication Failed',
      retryable: false
    })
    fake.script('+15551234561', { kind: 'http', status: 400, message: 'Template Not Found' })
    fake.script('+15551234562', { kind: 'http', status: 429, retryAfter: '1' })
    fake.script('+15551234563', { kind: 'http', status: 500 })
    expect(await send(fake, request('+15551234561'))).toMatchObject({
      reason: 'invalid_request',
      providerMessage: 'Template Not Found',
      retryable: false
    })
    expect(await send(fake, request('+15551234562'))).toMatchObject({
      reason: 'rate_limited',
      providerCode: '4001',
      retryAfterMs: 1000,
      retryable: true
    })
    // A 500 may follow an accepted send: an unknown outcome, never retried blindly.
    expect(await send(fake, request('+15551234563'))).toMatchObject({
      reason: 'provider_error',
      retryable: false,
      mayHaveArrived: true
    })
  })

  test('the fake checks the app name like Gupshup does', async () => {
    const fake = await gupshup()
    const outcome = await gupshupAdapter.send(
      fake.account({ appName: 'OtherApp' }),
      request('+15551234567'),
      AbortSignal.timeout(5000)
    )
    expect(outcome).toMatchObject({
      reason: 'invalid_request',
      providerMessage: 'Invalid App Name'
    })
  })

  test('timeout and dropped connection', async () => {
    const fake = await gupshup()
    fake.script('+15551234567', { kind: 'slow', ms: 1500 })
    fake.script('+15551234568', { kind: 'drop' })
    expect(await send(fake, request('+15551234567'), AbortSignal.timeout(100))).toMatchObject({
      reason: 'timeout'
    })
    expect(await send(fake, request('+15551234568'))).toMatchObject({ reason: 'network' })
  })
})

describe('Gupshup callbacks', () => {
  test('verify: Gupshup does not sign, so the adapter says so', async () => {
    const fake = await gupshup()
    const [cb] = fake.render([{ kind: 'status', id: 'x', status: 'sent', to: '+15551234567' }])
    expect(gupshupAdapter.verifyCallback(fake.account(), toRaw(cb!))).toBe('unsigned_provider')
  })

  test('parse: DLRs resolve to the Gupshup id (gsId), enqueued pairs the ids, failed keeps code and reason', async () => {
    const fake = await gupshup()
    await send(fake, request('+15551234567'))
    const gsId = fake.requests[0]!.providerMessageId
    const t = 1_751_347_200_000
    const rendered = fake.render([
      { kind: 'status', id: gsId, status: 'enqueued', at: t },
      { kind: 'status', id: gsId, status: 'sent', at: t + 1000 },
      { kind: 'status', id: gsId, status: 'read', at: t + 9000 },
      {
        kind: 'status',
        id: gsId,
        status: 'failed',
        at: t + 10_000,
        error: { code: 1002, title: 'Number Does Not Exists On WhatsApp' }
      }
    ])
    const events = rendered.flatMap((cb) => gupshupAdapter.parseCallback(fake.account(), toRaw(cb)))
    expect(events).toEqual([
      // enqueued: no delivery evidence, but WhatsApp's id for later MM Lite / late reports.
      { kind: 'alias', providerMessageId: gsId, alias: expect.stringMatching(/^gBEG/) },
      {
        kind: 'status',
        providerMessageId: gsId,
        ourId: null,
        status: 'sent',
        at: t + 1000,
        recipient: '+15551234567'
      },
      {
        kind: 'status',
        providerMessageId: gsId,
        ourId: null,
        status: 'read',
        at: t + 9000,
        recipient: '+15551234567'
      },
      {
        kind: 'status',
        providerMessageId: gsId,
        ourId: null,
        status: 'failed',
        at: t + 10_000,
        recipient: '+15551234567',
        errorCode: '1002',
        errorTitle: 'Number Does Not Exists On WhatsApp'
      }
    ])
  })

  test('parse: an inbound reply quotes the Gupshup id of the campaign message', async () => {
    const fake = await gupshup()
    await send(fake, request('+15551234567'))
    const gsId = fake.requests[0]!.providerMessageId
    const [cb] = fake.render([
      {
        kind: 'inbound',
        from: '+15551234567',
        text: 'Yes please',
        id: 'ABEGin',
        quotedId: gsId,
        at: 1_751_347_300_000
      }
    ])
    expect(parseGupshupCallback(toRaw(cb!))).toEqual([
      {
        kind: 'inbound',
        providerMessageId: 'ABEGin',
        from: '+15551234567',
        at: 1_751_347_300_000,
        text: 'Yes please',
        quotedProviderMessageId: gsId
      }
    ])
  })

  test('parse: v3 Meta-shaped events use gs_id and millisecond timestamps', () => {
    const status = (type: string, extra = {}) => ({
      gs_id: 'gs-1',
      id: 'wamid.W',
      recipient_id: '15551234567',
      status: type,
      timestamp: 1710941393420,
      ...extra
    })
    const body = {
      object: 'whatsapp_business_account',
      gs_app_id: 'app-1',
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                statuses: [
                  status('enqueued'),
                  status('delivered'),
                  status('failed', { errors: [{ code: 131026, title: 'Message undeliverable' }] })
                ]
              }
            }
          ]
        }
      ]
    }
    const raw = {
      method: 'POST',
      publicUrl: 'https://x',
      headers: {},
      rawBody: Buffer.from(JSON.stringify(body))
    }
    expect(parseGupshupCallback(raw)).toEqual([
      { kind: 'alias', providerMessageId: 'gs-1', alias: 'wamid.W' },
      {
        kind: 'status',
        providerMessageId: 'gs-1',
        ourId: null,
        status: 'delivered',
        at: 1710941393420,
        recipient: '+15551234567'
      },
      {
        kind: 'status',
        providerMessageId: 'gs-1',
        ourId: null,
        status: 'failed',
        at: 1710941393420,
        recipient: '+15551234567',
        errorCode: '131026',
        errorTitle: 'Message undeliverable'
      }
    ])
  })

  test('parse: what it cannot read is one ignored item by reason; only non-JSON throws', () => {
    expect(() => parseGupshupCallback(rawBody('<xml/>'))).toThrow(MalformedCallbackError)
    const cases: [string, string][] = [
      [
        '{"app":"A","timestamp":1751347200000,"version":2,"type":"user-event","payload":{"type":"opted-in"}}',
        'unknown_event:user-event'
      ],
      ['{"type":"message-event","payload":{}}', 'malformed_item'],
      ['{"type":"message-event","timestamp":1751347200000}', 'malformed_item'],
      [
        '{"type":"message-event","timestamp":1751347200000,"payload":{"type":"teleported","id":"x"}}',
        'unknown_status:teleported'
      ],
      [
        '{"type":"message-event","timestamp":1751347200000,"payload":{"type":"sent"}}',
        'malformed_item'
      ]
    ]
    for (const [body, reason] of cases)
      expect(parseGupshupCallback(rawBody(body)), body).toEqual([
        { kind: 'ignored', reason, sample: expect.any(String) }
      ])
  })

  test('emit posts JSON events to the app callback URL, duplicated on request', async () => {
    const receiver = await startReceiver()
    closeAfter(() => receiver.close())
    const fake = await gupshup()
    await send(fake, request('+15551234567'))
    const gsId = fake.requests[0]!.providerMessageId
    const url = `${receiver.url}/hooks/p/t`
    expect(
      await fake.emit([{ kind: 'status', id: gsId, status: 'delivered' }], { url, duplicate: true })
    ).toEqual([200, 200])
    const events = receiver.received.flatMap((raw) =>
      gupshupAdapter.parseCallback(fake.account(), raw)
    )
    expect(events.map((e) => e.kind === 'status' && e.providerMessageId)).toEqual([gsId, gsId])
  })
})
