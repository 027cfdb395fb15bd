import { describe, expect, test } from 'vitest'
import { twilioAdapter } from '../../../src/main/providers/twilio'
import { parseTwilioCallback } from '../../../src/main/providers/twilio/callbacks'
import type { RawCallback, SendRequest } from '../../../src/main/providers/types'
import { startFake, toRaw, twilioSignature, type FakeByType } from '../../fakes'
import { startReceiver } from '../../fakes/receiver'
import { useClosers } from '../../helpers/closers'

const closeAfter = useClosers()
async function twilio(): Promise<FakeByType['twilio']> {
  const fake = await startFake('twilio')
  closeAfter(() => fake.close())
  return fake
}

const CONTENT_SID = `HX${'a'.repeat(32)}`
const HOOK = 'https://tunnel.example/hooks/prov-1/secret-token'
const request = (to: string, ourId = `our-${to}`, name = CONTENT_SID): SendRequest => ({
  ourId,
  to,
  template: { name, language: 'en', params: ['Ana', '#1234'] },
  callbackUrl: HOOK
})
const send = (fake: FakeByType['twilio'], req: SendRequest, signal = AbortSignal.timeout(5000)) =>
  twilioAdapter.send(fake.account(), req, signal)

describe('Twilio send', () => {
  test('form-encoded ContentSid send with Basic auth and our id in the StatusCallback', async () => {
    const fake = await twilio()
    const outcome = await send(fake, request('+15551234567', 'msg-1'))
    const accepted = fake.requests[0]!
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: accepted.providerMessageId })
    expect(accepted.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/)
    expect(accepted.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(accepted.body).toEqual({
      To: 'whatsapp:+15551234567',
      From: 'whatsapp:+15550009999',
      ContentSid: CONTENT_SID,
      ContentVariables: '{"1":"Ana","2":"#1234"}',
      StatusCallback: `${HOOK}?tb=msg-1`
    })
    expect(accepted.ourId).toBe('msg-1')
    expect(accepted.template.params).toEqual(['Ana', '#1234'])
  })

  test('a non-HX template name goes as Body text with placeholders filled', async () => {
    const fake = await twilio()
    await send(fake, request('+15551234567', 'm', 'Hi {{1}}, order {{2}} shipped'))
    expect(fake.requests[0]!.body).toMatchObject({ Body: 'Hi Ana, order #1234 shipped' })
    expect(fake.requests[0]!.body).not.toHaveProperty('ContentSid')
  })

  test('wrong credentials: 401 with Twilio code 20003 is auth_failed', async () => {
    const fake = await twilio()
    const outcome = await twilioAdapter.send(
      fake.account({ authToken: 'wrong' }),
      request('+15551234567'),
      AbortSignal.timeout(5000)
    )
    expect(outcome).toEqual({
      kind: 'rejected',
      reason: 'auth_failed',
      providerCode: '20003',
      providerMessage: 'Authenticate',
      retryable: false
    })
  })

  test('400, 429 with Retry-After, 500 and 503 keep Twilio codes', async () => {
    const fake = await twilio()
    fake.script('+15551234561', {
      kind: 'http',
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient'
    })
    fake.script('+15551234562', { kind: 'http', status: 429, retryAfter: '3' })
    fake.script('+15551234563', { kind: 'http', status: 500 })
    fake.script('+15551234564', { kind: 'http', status: 503 })
    expect(await send(fake, request('+15551234561'))).toEqual({
      kind: 'rejected',
      reason: 'invalid_request',
      providerCode: '21610',
      providerMessage: 'Attempt to send to unsubscribed recipient',
      retryable: false
    })
    expect(await send(fake, request('+15551234562'))).toMatchObject({
      reason: 'rate_limited',
      providerCode: '20429',
      retryAfterMs: 3000,
      retryable: true
    })
    // A 500 may follow an accepted send: an unknown outcome, never retried blindly.
    expect(await send(fake, request('+15551234563'))).toMatchObject({
      reason: 'provider_error',
      providerCode: '20500',
      retryable: false,
      mayHaveArrived: true
    })
    expect(await send(fake, request('+15551234564'))).toMatchObject({
      reason: 'provider_error',
      providerCode: '20503',
      retryable: true
    })
    expect(fake.requests).toHaveLength(0)
  })

  test('the fake validates the shape: a bad To is 21211', async () => {
    const fake = await twilio()
    expect(await send(fake, request('12'))).toMatchObject({
      reason: 'invalid_request',
      providerCode: '21211'
    })
  })

  test('timeout and dropped connection may have arrived: not retried', async () => {
    const fake = await twilio()
    fake.script('+15551234567', { kind: 'slow', ms: 1500 })
    fake.script('+15551234568', { kind: 'drop' })
    expect(await send(fake, request('+15551234567'), AbortSignal.timeout(100))).toMatchObject({
      reason: 'timeout',
      retryable: false,
      mayHaveArrived: true
    })
    expect(await send(fake, request('+15551234568'))).toMatchObject({
      reason: 'network',
      retryable: false,
      mayHaveArrived: true
    })
  })
})

describe('Twilio callbacks', () => {
  const formRaw = (
    url: string,
    fields: Record<string, string>,
    signature?: string
  ): RawCallback => ({
    method: 'POST',
    publicUrl: url,
    headers: signature ? { 'x-twilio-signature': signature } : {},
    rawBody: Buffer.from(new URLSearchParams(fields).toString())
  })

  test("Twilio's published validation example verifies (and the fake's signer agrees)", () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212'
    }
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=')
    const account = {
      id: 'p',
      type: 'twilio' as const,
      name: 't',
      callbackToken: 't',
      ratePerSecond: 1,
      config: { authToken: '12345' }
    }
    expect(
      twilioAdapter.verifyCallback(account, formRaw(url, params, 'GvWf1cFY/Q7PnoempGyD5oXAezc='))
    ).toBe('valid')
    // The validator also accepts the URL with the default port spelled out, like twilio-node.
    expect(
      twilioAdapter.verifyCallback(
        account,
        formRaw(
          'https://mycompany.com:443/myapp.php?foo=1&bar=2',
          params,
          'GvWf1cFY/Q7PnoempGyD5oXAezc='
        )
      )
    ).toBe('valid')
  })

  test('verify: valid, tampered body, wrong token, missing header, different URL', async () => {
    const fake = await twilio()
    await send(fake, request('+15551234567', 'msg-1'))
    const id = fake.requests[0]!.providerMessageId
    const account = fake.account()
    const [cb] = fake.render([{ kind: 'status', id, status: 'delivered' }])
    expect(cb!.url).toBe(`${HOOK}?tb=msg-1`)
    expect(twilioAdapter.verifyCallback(account, toRaw(cb!))).toBe('valid')
    const tampered = {
      ...toRaw(cb!),
      rawBody: Buffer.from(cb!.body.toString().replace('delivered', 'read'))
    }
    expect(twilioAdapter.verifyCallback(account, tampered)).toBe('invalid_signature')
    const [wrong] = fake.render([{ kind: 'status', id, status: 'delivered' }], {
      secret: 'other-token'
    })
    expect(twilioAdapter.verifyCallback(account, toRaw(wrong!))).toBe('invalid_signature')
    const [unsigned] = fake.render([{ kind: 'status', id, status: 'delivered' }], {
      unsigned: true
    })
    expect(twilioAdapter.verifyCallback(account, toRaw(unsigned!))).toBe('missing_signature')
    // The signature covers the URL: the same body on another path (or without our id) fails.
    expect(twilioAdapter.verifyCallback(account, { ...toRaw(cb!), publicUrl: HOOK })).toBe(
      'invalid_signature'
    )
  })

  test('parse: statuses map per §7.1, our id comes from the signed URL, queued says nothing', async () => {
    const fake = await twilio()
    await send(fake, request('+15551234567', 'msg-1'))
    const id = fake.requests[0]!.providerMessageId
    const rendered = fake.render([
      { kind: 'status', id, status: 'queued' },
      { kind: 'status', id, status: 'sending' },
      { kind: 'status', id, status: 'sent' },
      { kind: 'status', id, status: 'read' },
      {
        kind: 'status',
        id,
        status: 'undelivered',
        error: { code: 63024, title: 'Invalid message recipient' }
      },
      { kind: 'status', id, status: 'failed', error: { code: 63016 } }
    ])
    const events = rendered.flatMap((cb) => twilioAdapter.parseCallback(fake.account(), toRaw(cb)))
    expect(events.map((e) => e.kind === 'status' && [e.status, e.errorCode ?? null])).toEqual([
      ['sent', null],
      ['read', null],
      ['failed', '63024'],
      ['failed', '63016']
    ])
    expect(events[0]).toMatchObject({
      providerMessageId: id,
      ourId: 'msg-1',
      recipient: '+15551234567'
    })
    expect(events[2]).toMatchObject({ errorTitle: 'Invalid message recipient' })
  })

  test('parse: an inbound reply carries OriginalRepliedMessageSid', async () => {
    const fake = await twilio()
    const [cb] = fake.render(
      [
        { kind: 'inbound', from: '+15551234567', text: 'Yes please', id: 'SMin', quotedId: 'SMout' }
      ],
      { url: 'https://tunnel.example/hooks/prov-1/secret-token' }
    )
    expect(twilioAdapter.verifyCallback(fake.account(), toRaw(cb!))).toBe('valid')
    expect(parseTwilioCallback(toRaw(cb!))).toEqual([
      {
        kind: 'inbound',
        providerMessageId: 'SMin',
        from: '+15551234567',
        at: expect.any(Number),
        text: 'Yes please',
        quotedProviderMessageId: 'SMout'
      }
    ])
  })

  test('parse: a form it cannot read is one ignored item by reason (a form always parses)', () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'malformed_item'],
      [{ MessageStatus: 'delivered' }, 'malformed_item'],
      [{ MessageSid: 'SM1', MessageStatus: 'teleported' }, 'unknown_status:teleported'],
      [{ MessageSid: 'SM1', MessageStatus: 'constructor' }, 'unknown_status:constructor'],
      [{ MessageSid: 'SM1' }, 'malformed_item']
    ]
    for (const [fields, reason] of cases)
      expect(parseTwilioCallback(formRaw('https://x/h', fields)), JSON.stringify(fields)).toEqual([
        { kind: 'ignored', reason, sample: expect.any(String) }
      ])
  })

  test('emit posts one signed form per status to the StatusCallback URL it was given', async () => {
    const receiver = await startReceiver()
    closeAfter(() => receiver.close())
    const fake = await twilio()
    const hook = `${receiver.url}/hooks/prov-1/tok`
    await twilioAdapter.send(
      fake.account(),
      { ...request('+15551234567', 'msg-9'), callbackUrl: hook },
      AbortSignal.timeout(5000)
    )
    const id = fake.requests[0]!.providerMessageId
    const statuses = await fake.emit([
      { kind: 'status', id, status: 'sent' },
      { kind: 'status', id, status: 'delivered' }
    ])
    expect(statuses).toEqual([200, 200])
    expect(receiver.received.map((raw) => raw.publicUrl)).toEqual([
      `${hook}?tb=msg-9`,
      `${hook}?tb=msg-9`
    ])
    for (const raw of receiver.received)
      expect(twilioAdapter.verifyCallback(fake.account(), raw)).toBe('valid')
  })
})
