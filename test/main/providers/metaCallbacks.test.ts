import { describe, expect, test } from 'vitest'
import { metaAdapter } from '../../../src/main/providers/meta'
import { parseMetaCallback, verifyMetaSignature } from '../../../src/main/providers/meta/callbacks'
import { MalformedCallbackError } from '../../../src/main/providers/types'
import { rawBody, toRaw } from '../../fakes'
import { startReceiver } from '../../fakes/receiver'
import { request, send, useMetaFakes } from './metaSetup'

const { meta, open: fakes } = useMetaFakes()

describe('Meta callbacks', () => {
  test('the documented HMAC test vector verifies', () => {
    const raw = {
      method: 'POST',
      publicUrl: 'https://x/hooks',
      headers: {
        'X-Hub-Signature-256':
          'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914'
      },
      rawBody: Buffer.from('test')
    }
    expect(verifyMetaSignature('secret', raw)).toBe('valid')
  })

  test('verify: valid, tampered body, wrong secret, missing header, 360dialog unsigned', async () => {
    const fake = await meta()
    await send(fake, request('+15551234567'))
    const id = fake.requests[0]!.providerMessageId
    const account = fake.account()
    const [signed] = fake.render([
      { kind: 'inbound', from: '+15551234567', text: 'Sí, gracias ✓', quotedId: id }
    ])
    expect(signed!.body.toString()).toContain('Zo\\u00eb') // Meta escapes non-ASCII before signing
    expect(metaAdapter.verifyCallback(account, toRaw(signed!))).toBe('valid')
    const tampered = {
      ...toRaw(signed!),
      rawBody: Buffer.from(signed!.body.toString().replace('gracias', 'gracia'))
    }
    expect(metaAdapter.verifyCallback(account, tampered)).toBe('invalid_signature')
    const [wrong] = fake.render([{ kind: 'status', id, status: 'sent' }], {
      secret: 'not-the-app-secret'
    })
    expect(metaAdapter.verifyCallback(account, toRaw(wrong!))).toBe('invalid_signature')
    const [unsigned] = fake.render([{ kind: 'status', id, status: 'sent' }], { unsigned: true })
    expect(metaAdapter.verifyCallback(account, toRaw(unsigned!))).toBe('missing_signature')
    expect(metaAdapter.verifyCallback(fake.account({ authScheme: 'd360' }), toRaw(unsigned!))).toBe(
      'unsigned_provider'
    )
  })

  // The fake's `sent` and `delivered` carry Meta's PMP pricing object; `read` carries none.
  const FAKE_PRICING = {
    category: 'marketing',
    type: 'regular',
    billable: true,
    pricingModel: 'PMP',
    conversationId: null,
    conversationOrigin: null,
    conversationExpiresAt: null
  }

  test('parse: batched statuses with our id, provider times and E.164 recipients', async () => {
    const fake = await meta()
    await send(fake, request('+15551234567', 'a'))
    await send(fake, request('+15551234568', 'b'))
    const [a, b] = fake.requests.map((r) => r.providerMessageId)
    const t = 1_751_347_200_000
    const rendered = fake.render(
      [
        { kind: 'status', id: a!, status: 'sent', at: t },
        { kind: 'status', id: a!, status: 'delivered', at: t + 2000 },
        { kind: 'status', id: b!, status: 'read', at: t + 5000 }
      ],
      { batch: true }
    )
    expect(rendered).toHaveLength(1)
    const events = metaAdapter.parseCallback(fake.account(), toRaw(rendered[0]!))
    expect(events).toEqual([
      {
        kind: 'status',
        providerMessageId: a,
        ourId: 'a',
        status: 'sent',
        at: t,
        recipient: '+15551234567',
        pricing: FAKE_PRICING
      },
      {
        kind: 'status',
        providerMessageId: a,
        ourId: 'a',
        status: 'delivered',
        at: t + 2000,
        recipient: '+15551234567',
        pricing: FAKE_PRICING
      },
      // read without any delivered report: passed on as read, the callback layer infers delivery.
      {
        kind: 'status',
        providerMessageId: b,
        ourId: 'b',
        status: 'read',
        at: t + 5000,
        recipient: '+15551234568'
      }
    ])
  })

  test('parse: failed with the error code, title and detail', async () => {
    const fake = await meta()
    const [cb] = fake.render([
      {
        kind: 'status',
        id: 'wamid.X',
        status: 'failed',
        to: '+15551234567',
        ourId: 'x',
        at: 1_751_347_205_000,
        error: {
          code: 131049,
          title: 'This message was not delivered to maintain healthy ecosystem engagement.',
          detail: 'Per-user marketing cap'
        }
      }
    ])
    expect(parseMetaCallback(toRaw(cb!))).toEqual([
      {
        kind: 'status',
        providerMessageId: 'wamid.X',
        ourId: 'x',
        status: 'failed',
        at: 1_751_347_205_000,
        recipient: '+15551234567',
        errorCode: '131049',
        errorTitle: 'This message was not delivered to maintain healthy ecosystem engagement.',
        errorDetail: 'Per-user marketing cap'
      }
    ])
  })

  test('parse: an inbound reply carries the quoted wamid; unknown statuses are ignored items', async () => {
    const fake = await meta()
    const [cb] = fake.render(
      [
        {
          kind: 'inbound',
          from: '+15551234567',
          text: 'Yes please',
          id: 'wamid.IN',
          quotedId: 'wamid.OUT',
          at: 1_751_347_300_000
        },
        { kind: 'status', id: 'wamid.V', status: 'played', to: '+15551234567' }
      ],
      { batch: true }
    )
    expect(parseMetaCallback(toRaw(cb!))).toEqual([
      { kind: 'ignored', reason: 'unknown_status:played', sample: expect.any(String) },
      {
        kind: 'inbound',
        providerMessageId: 'wamid.IN',
        from: '+15551234567',
        at: 1_751_347_300_000,
        text: 'Yes please',
        quotedProviderMessageId: 'wamid.OUT'
      }
    ])
  })

  test('parse: only a body that is not JSON throws; what it cannot read is ignored by reason', () => {
    expect(() => parseMetaCallback(rawBody('not json'))).toThrow(MalformedCallbackError)
    const cases: [string, string][] = [
      ['{"object":"page","entry":[]}', 'unknown_object:page'],
      ['{"object":"whatsapp_business_account"}', 'malformed_item'],
      [
        '{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":{}}}]}]}',
        'malformed_item'
      ],
      [
        '{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"status":"sent","timestamp":"1"}]}}]}]}',
        'malformed_item'
      ],
      [
        '{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{}}]}]}',
        'unknown_field:account_update'
      ]
    ]
    for (const [body, reason] of cases)
      expect(parseMetaCallback(rawBody(body)), body).toEqual([
        { kind: 'ignored', reason, sample: expect.any(String) }
      ])
  })

  test('emit posts over HTTP with duplicates and reordering; bytes verify on arrival', async () => {
    const fake = await meta()
    const receiver = await startReceiver()
    fakes.push(receiver)
    await send(fake, request('+15551234567', 'a'))
    const id = fake.requests[0]!.providerMessageId
    const statuses = await fake.emit(
      [
        { kind: 'status', id, status: 'delivered', at: 1_000_000 },
        { kind: 'status', id, status: 'read', at: 2_000_000 }
      ],
      { url: `${receiver.url}/hooks/p/t`, duplicate: true, reverse: true }
    )
    expect(statuses).toEqual([200, 200, 200, 200])
    const parsed = receiver.received.map((raw) => {
      expect(metaAdapter.verifyCallback(fake.account(), raw)).toBe('valid')
      return metaAdapter
        .parseCallback(fake.account(), raw)
        .map((e) => e.kind === 'status' && e.status)
    })
    expect(parsed).toEqual([['read'], ['read'], ['delivered'], ['delivered']])
  })
})
