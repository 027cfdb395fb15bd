import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { postSigned, providerInput, type SignedType } from '../../helpers/signedPost'
import { useTempDirs } from '../../helpers/tempDir'
import { drained } from './meta'

const sec = (ms: number) => String(Math.floor(ms / 1000))
const SENT = Date.UTC(2026, 10, 1)
/** Status values the engine reads; junk must not contain them (it would be a readable item). */
const KNOWN = new Set(['sent', 'delivered', 'read', 'failed', 'undelivered', 'canceled'])

describe('tolerant reader (spec §4): a signed callback is never refused for its content', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  async function setup(type: SignedType) {
    t = (await startTestEngine(tempDir())) as TestEngine
    const provider = await t.call('providers.create', providerInput(type))
    const db = t.engine.db
    const seeded = seedCampaign(db, { providerId: provider.id, count: 3, sentAt: SENT })
    const hooks = t.engine.hooksBase()!
    const post = (body: string) => postSigned(type, hooks, provider.callbackPath, body)
    return { t, db, provider, post, ...seeded }
  }

  it('applies every known item of a mixed Meta batch and counts the rest by reason', async () => {
    const { t, db, provider, post, messages, campaignId } = await setup('meta')
    const [m0, m1, m2] = messages
    const status = (id: string, value: string, at: number) => ({
      id,
      status: value,
      timestamp: sec(at),
      recipient_id: '15550000000'
    })
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                statuses: [
                  status(m0!.providerMessageId!, 'delivered', SENT + 5000),
                  status(m1!.providerMessageId!, 'deleted', SENT + 6000),
                  status(m2!.providerMessageId!, 'read', SENT + 7000),
                  { status: 'sent', timestamp: sec(SENT) } // no id: one malformed item
                ],
                messages: [
                  {
                    from: m1!.phone.slice(1),
                    id: 'wamid.in-odd',
                    timestamp: sec(SENT + 8000),
                    type: 'some_type',
                    some_type: {}
                  },
                  {
                    from: m0!.phone.slice(1),
                    id: 'wamid.in-ok',
                    timestamp: sec(SENT + 9000),
                    type: 'text',
                    text: { body: 'yes' },
                    context: { id: m0!.providerMessageId }
                  }
                ],
                errors: [{ code: 130429, title: 'Rate limit hit' }]
              }
            },
            { field: 'x', value: { anything: true } }
          ]
        }
      ]
    })
    expect(await post(body)).toBe(200)
    await drained(db)
    const rows = db
      .prepare('SELECT id, status, reply_count FROM message WHERE campaign_id = ? ORDER BY id')
      .all(campaignId)
    expect(rows).toEqual([
      { id: m0!.id, status: 'delivered', reply_count: 1 },
      { id: m1!.id, status: null, reply_count: 0 },
      { id: m2!.id, status: 'read', reply_count: 0 }
    ])
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.ignored).toEqual({
      'unknown_status:deleted': 1,
      malformed_item: 1,
      'unknown_type:some_type': 1,
      'unknown_field:x': 1,
      'app_error:130429': 1
    })
    expect(health.rejected).toEqual({})
    expect(health.unattributedReplies).toBe(0)
    expect(health.ignoredSamples.map((s) => s.reason).sort()).toEqual(
      Object.keys(health.ignored).sort()
    )
    expect(health.ignoredSamples.find((s) => s.reason === 'unknown_field:x')?.sample).toContain(
      '"anything":true'
    )
    // The whole raw body is kept in the inbox, not only the understood part.
    const kept = db.prepare('SELECT raw_body FROM callback_inbox').all() as { raw_body: Buffer }[]
    expect(kept.map((r) => r.raw_body.toString())).toEqual([body])
    // A campaign's health shows its provider's ignored items (they match no message).
    expect((await t.call('callbacks.health', { campaignId })).ignored).toEqual(health.ignored)
  })

  it('keeps only the newest samples per reason while counting every item', async () => {
    const { t, db, post } = await setup('meta')
    for (let i = 0; i < 5; i++) {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: `f${i % 2}`, value: { i } }] }]
      })
      expect(await post(body)).toBe(200)
    }
    await drained(db)
    const health = await t.call('callbacks.health', {})
    expect(health.ignored).toEqual({ 'unknown_field:f0': 3, 'unknown_field:f1': 2 })
    expect(health.ignoredSamples.filter((s) => s.reason === 'unknown_field:f0')).toHaveLength(3)
    const stored = db.prepare('SELECT COUNT(*) AS n FROM callback_ignored_sample').get()
    expect(stored).toEqual({ n: 5 })
  })

  it('fuzz (Meta): signed batches of junk answer 200 and change no message or reply', async () => {
    const { t, db, post, messages } = await setup('meta')
    const snapshot = () => ({
      messages: db.prepare('SELECT * FROM message ORDER BY id').all(),
      inbound: db.prepare('SELECT COUNT(*) AS n FROM inbound_message').get()
    })
    const before = snapshot()
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      // Near-misses: real keys with wrong or unknown values, for the real message ids.
      fc.record(
        {
          id: fc.oneof(
            fc.constantFrom(...messages.map((m) => m.providerMessageId!)),
            fc.jsonValue()
          ),
          status: fc
            .oneof(fc.constantFrom('deleted', 'played', 'warning', ''), fc.jsonValue())
            .filter((v) => !KNOWN.has(String(v))),
          timestamp: fc.oneof(fc.constant('not-a-time'), fc.constant(null), fc.constant(-5))
        },
        { requiredKeys: [] }
      ),
      fc.record(
        {
          id: fc.string(),
          type: fc.oneof(fc.constantFrom('some_type', 'system', 'reaction_v2'), fc.jsonValue()),
          from: fc.oneof(fc.constantFrom('US.1234', 'whatsapp:US.1', ''), fc.jsonValue()),
          timestamp: fc.jsonValue()
        },
        { requiredKeys: ['type'] }
      )
    )
    const envelope = fc.record({
      field: fc.oneof(fc.constant('messages'), fc.string(), fc.jsonValue()),
      statuses: fc.oneof(fc.array(junk, { maxLength: 4 }), fc.jsonValue()),
      messages: fc.oneof(fc.array(junk, { maxLength: 4 }), fc.jsonValue()),
      extra: fc.jsonValue({ maxDepth: 2 })
    })
    const bodies = fc.oneof(
      envelope.map((e) =>
        JSON.stringify({
          object: 'whatsapp_business_account',
          entry: [{ id: 'w', changes: [{ field: e.field, value: { ...e, field: undefined } }] }]
        })
      ),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))
    )
    const statuses: number[] = []
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        statuses.push(await post(body))
      }),
      { seed: 1010, numRuns: 60 }
    )
    expect(new Set(statuses)).toEqual(new Set([200]))
    await drained(db)
    expect(snapshot()).toEqual(before)
    // The junk was received and counted, not silently dropped.
    const health = await t.call('callbacks.health', {})
    expect(health.received).toBe(60)
    expect(Object.values(health.ignored).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  })

  it('fuzz (Twilio): signed forms of junk answer 200 and change no message or reply', async () => {
    const { t, db, post, messages } = await setup('twilio')
    const snapshot = () => ({
      messages: db.prepare('SELECT * FROM message ORDER BY id').all(),
      inbound: db.prepare('SELECT COUNT(*) AS n FROM inbound_message').get()
    })
    const before = snapshot()
    const form = fc.record(
      {
        MessageSid: fc.oneof(
          fc.constantFrom(...messages.map((m) => m.providerMessageId!)),
          fc.string()
        ),
        MessageStatus: fc
          .oneof(
            fc.constantFrom('teleported', 'constructor', '__proto__', 'receiving', ''),
            fc.string()
          )
          .filter((v) => !KNOWN.has(v)),
        ErrorCode: fc.string(),
        Junk: fc.string()
      },
      { requiredKeys: ['MessageStatus'] }
    )
    const statuses: number[] = []
    await fc.assert(
      fc.asyncProperty(form, async (fields) => {
        statuses.push(await post(new URLSearchParams(fields).toString()))
      }),
      { seed: 1011, numRuns: 60 }
    )
    expect(new Set(statuses)).toEqual(new Set([200]))
    await drained(db)
    expect(snapshot()).toEqual(before)
    // The junk was received and counted, not silently dropped.
    const health = await t.call('callbacks.health', {})
    expect(health.received).toBe(60)
    expect(Object.values(health.ignored).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  })
})
