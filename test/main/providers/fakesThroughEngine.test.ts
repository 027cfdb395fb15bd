import { describe, expect, test } from 'vitest'
import { adapterFor } from '../../../src/main/providers/registry'
import { startFake, type FakeByType, type FakeEvent, type FakeType } from '../../fakes'
import { startReceiver } from '../../fakes/receiver'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'
import { useClosers } from '../../helpers/closers'

/**
 * The fakes' callbacks go through the real callback listener (path token, signature on the raw
 * bytes, parse, inbox, processing), so what the fakes emit is what the app accepts.
 */
const tempDir = useTempDirs()
const closeAfter = useClosers()

const TEMPLATE: Record<FakeType, string> = {
  meta: 'order_update',
  twilio: `HX${'b'.repeat(32)}`,
  gupshup: '4e2b8f1c-9a51-4c3e-8d1f-2a6b7c8d9e0f',
  infobip: 'order_update'
}
const DELIVERED: Record<FakeType, string> = {
  meta: 'delivered',
  twilio: 'delivered',
  gupshup: 'delivered',
  infobip: 'DELIVERED'
}

async function setup<T extends FakeType>(type: T) {
  const fake = (await startFake(type)) as FakeByType[T]
  closeAfter(() => fake.close())
  const t = (await startTestEngine(tempDir())) as TestEngine
  closeAfter(() => t.engine.close())
  const { config } = fake.account()
  const provider = await t.call('providers.create', { type, name: type, config } as never)
  const hookUrl = `${t.engine.hooksBase()}${provider.callbackPath}`
  return { fake, t, provider, hookUrl, db: t.engine.db }
}

async function drained(db: TestEngine['engine']['db']) {
  const pending = db.prepare('SELECT COUNT(*) AS n FROM callback_inbox WHERE processed_at IS NULL')
  for (let i = 0; i < 500 && (pending.get() as { n: number }).n > 0; i++)
    await new Promise((r) => setTimeout(r, 10))
}

describe.each(['meta', 'twilio', 'gupshup', 'infobip'] as const)('%s fake → engine', (type) => {
  test('a sent message is delivered and replied to through the real callback listener', async () => {
    const { fake, t, provider, hookUrl, db } = await setup(type)
    const { messages } = seedCampaign(db, {
      providerId: provider.id,
      count: 1,
      sentAt: Date.now() - 60_000
    })
    const m = messages[0]!
    const account = t.engine.providerAccounts.get(provider.id)
    const outcome = await adapterFor(type).send(
      account,
      {
        ourId: m.ourId,
        to: m.phone,
        template: { name: TEMPLATE[type], language: 'en', params: ['Ana'] },
        callbackUrl: hookUrl
      },
      AbortSignal.timeout(5000)
    )
    if (outcome.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(outcome)}`)
    // What the dispatcher does on acceptance.
    db.prepare('UPDATE message SET provider_message_id = ? WHERE id = ?').run(
      outcome.providerMessageId,
      m.id
    )
    const events: FakeEvent[] = [
      {
        kind: 'status',
        id: outcome.providerMessageId,
        status: DELIVERED[type],
        at: m.sentAt + 5000
      },
      {
        kind: 'inbound',
        from: m.phone,
        text: 'Yes please',
        quotedId: outcome.providerMessageId,
        at: m.sentAt + 9000
      }
    ]
    expect(await fake.emit(events, { url: hookUrl })).toEqual([200, 200])
    await drained(db)
    const row = db
      .prepare('SELECT status, delivered_at, reply_count FROM message WHERE id = ?')
      .get(m.id) as Record<string, number | string>
    expect(row.status).toBe('delivered')
    expect(row.delivered_at).toEqual(expect.any(Number))
    expect(row.reply_count).toBe(1)
  })
})

describe('signed fakes are refused when the signature is wrong', () => {
  test.each(['meta', 'twilio'] as const)('%s', async (type) => {
    const { fake, hookUrl } = await setup(type)
    const event: FakeEvent = { kind: 'inbound', from: '+15551234567', text: 'hi' }
    expect(await fake.emit([event], { url: hookUrl, secret: 'not-the-secret' })).toEqual([401])
    expect(await fake.emit([event], { url: hookUrl, unsigned: true })).toEqual([401])
  })
})

test("Meta fake's GET challenge passes only with the configured verify token", async () => {
  const { fake, hookUrl } = await setup('meta')
  expect(await fake.challenge(hookUrl, 'verify-me')).toEqual({ ok: true, status: 200 })
  expect((await fake.challenge(hookUrl, 'guess')).ok).toBe(false)
})

test('emit retries a POST answered non-2xx, with backoff, when asked to (Meta does)', async () => {
  const receiver = await startReceiver([500, 503])
  closeAfter(() => receiver.close())
  const fake = await startFake('meta')
  closeAfter(() => fake.close())
  // A fixed provider timestamp: the body of a retry must equal the first try byte for byte, and the
  // default (now) can cross a second boundary between the two emits on a loaded machine.
  const event: FakeEvent = {
    kind: 'status',
    id: 'wamid.X',
    status: 'sent',
    to: '+15551234567',
    at: 1_700_000_000_000
  }
  expect(await fake.emit([event], { url: receiver.url, retries: 0 })).toEqual([500])
  expect(await fake.emit([event], { url: receiver.url, retries: 3, retryDelayMs: 5 })).toEqual([
    200
  ])
  expect(receiver.received).toHaveLength(3)
  expect(new Set(receiver.received.map((r) => r.rawBody.toString())).size).toBe(1)
})
