import { afterEach, describe, expect, it } from 'vitest'
import type { FakeByType, FakeEvent } from '../../fakes'
import type { TestEngine } from '../../helpers/engine'
import { campaignDraft, phoneOf, stateCounts, useDispatchRig, waitFor } from './helpers'

// Issue #19: a provider that accepts a send and then drops the connection before answering.
// Lookups (Twilio, Infobip) run on a short deadline here; the schedule is the same shares of it.
process.env.TICKBOARD_RETRY_BASE_MS = '40'
process.env.TICKBOARD_LOST_SEND_DEADLINE_MS = '3000'

const CONTACTS = 1000
/** Every 16th recipient: accepted, then the connection drops (63 of 1,000, 6.3%). */
const LOST = Array.from({ length: CONTACTS }, (_, i) => i).filter((i) => i % 16 === 5)
/** Five more whose request is read and refused by a dropped connection: nothing was sent. */
const REFUSED = [2, 302, 502, 702, 902]

const rig = useDispatchRig()
/** The engine's log: a failed lookup is logged, and shown when an assertion fails. */
const logged: string[] = []
let t: TestEngine | null = null
afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(logged.join('\n'))
  logged.length = 0
})

type Type = 'meta' | 'twilio' | 'infobip'

function configOf(type: Type, f: FakeByType[Type]): Record<string, unknown> {
  const { config } = f.account({ ratePerSecond: 1000 })
  if (type === 'meta') return { ...config, verifyToken: 'verify-me' }
  return config
}

interface Row {
  phone: string
  state: string
  error: string | null
  status: string | null
  provider_message_id: string | null
}

/**
 * 1,000 sends at 200 msg/s against the provider's fake; 63 answers are lost after the fake
 * accepted the message, 5 requests are read and dropped without a send. Then the provider's
 * reports arrive (those of the lost answers only where the provider posts them: Meta; Twilio and
 * Infobip lose them, and the lookups must find the messages).
 */
async function run(type: Type) {
  // Twilio/Infobip: the phones are quick, so the provider's records say delivered by the time
  // a lookup asks (the lookup's status goes through the one status applier).
  const rigged = await rig<Type>(type, {
    contacts: CONTACTS,
    ...(type === 'meta'
      ? {}
      : { fake: { initialStatus: type === 'twilio' ? 'delivered' : 'DELIVERED' } }),
    config: (fake) => configOf(type, fake),
    engine: { log: (m, e) => logged.push(`${m} ${String(e ?? '')}`) }
  })
  t = rigged.t
  const { fake: f, provider } = rigged
  for (const i of LOST) f.script(phoneOf(i), { kind: 'acceptThenDrop' }, 1)
  for (const i of REFUSED) f.script(phoneOf(i), { kind: 'drop' }, 1)
  const hookUrl = `${t.engine.hooksBase()}${provider.callbackPath}`
  const { id } = await t.call(
    'campaigns.create',
    campaignDraft(provider.id, { ratePerSecond: 200 })
  )
  const started = Date.now()
  await t.call('campaigns.launch', { id, overrideReadiness: true })
  const done = await waitFor(
    () => t!.call('campaigns.get', { id }),
    (c) => c.status !== 'running' && c.status !== 'qualifying',
    30_000
  )
  const elapsed = Date.now() - started
  expect(done.status).toBe('completed')
  // 1,000 at 200 msg/s: about 5 s; the throttle held it (no burst past the rate).
  expect(elapsed).toBeGreaterThan(4000)

  const lostPhones = new Set(LOST.map(phoneOf))
  const reports: FakeEvent[] = f.requests
    .filter((r) => type === 'meta' || !lostPhones.has(r.to))
    .map((r) => ({ kind: 'status', id: r.providerMessageId, status: delivered(type) }))
  const statuses = await f.emit(reports, { url: hookUrl, batch: type !== 'twilio' })
  expect(statuses.every((s) => s === 200)).toBe(true)
  return { f, id }
}

const delivered = (type: Type) => (type === 'infobip' ? 'DELIVERED' : 'delivered')

function rows(campaignId: string): Row[] {
  return t!.engine.db
    .prepare(
      `SELECT phone, dispatch_state AS state, dispatch_error AS error, status, provider_message_id
       FROM message WHERE campaign_id = ? ORDER BY seq`
    )
    .all(campaignId) as Row[]
}

describe.each<Type>(['meta', 'twilio', 'infobip'])(
  '%s: accepted, then the connection dropped',
  (type) => {
    it('no recipient gets two messages; each lost answer ends delivered or outcome unknown, none in flight', async () => {
      const { f, id } = await run(type)
      const lostPhones = new Set(LOST.map(phoneOf))
      // Meta: the status callbacks carry biz_opaque_callback_data; Twilio/Infobip: the lookups.
      const settled = await waitFor(
        () => rows(id).filter((r) => lostPhones.has(r.phone)),
        (lost) => lost.every((r) => r.state === 'sent' && r.status === 'delivered'),
        30_000
      )
      const byPhone = new Map(f.requests.map((r) => [r.to, r]))
      for (const r of settled) {
        expect(r).toMatchObject({ state: 'sent', status: 'delivered', error: null })
        // The provider's id was learned from the callback or the lookup.
        expect(r.provider_message_id).toBe(byPhone.get(r.phone)!.providerMessageId)
      }
      if (type === 'meta')
        for (const phone of lostPhones)
          expect(byPhone.get(phone)!.body).toMatchObject({
            biz_opaque_callback_data: expect.stringMatching(/^tb_/)
          })

      // Nobody got the message twice: each attempt that reached the fake was the only one.
      const counts = f.deliveriesPerRecipient()
      expect([...counts.values()].every((n) => n === 1)).toBe(true)
      expect(counts.size).toBe(CONTACTS - REFUSED.length)
      for (const i of [...LOST, ...REFUSED])
        expect(f.attempts.filter((a) => a.to === phoneOf(i))).toHaveLength(1)

      // The refused ones were never sent: still unknown after the deadline (the lookups ran
      // and found nothing, or the provider keeps no records), never re-sent.
      await new Promise((r) => setTimeout(r, 3500))
      const all = rows(id)
      const refused = all.filter((r) => REFUSED.map(phoneOf).includes(r.phone))
      for (const r of refused) expect(r).toMatchObject({ state: 'unknown', error: 'network' })
      expect(all.filter((r) => r.state === 'in_flight' || r.state === 'queued')).toEqual([])
      const c = stateCounts(t!, id)
      expect(c).toMatchObject({ sent: CONTACTS - REFUSED.length, unknown: REFUSED.length })
      // Reports are applied after they are acknowledged: wait for the last of them.
      const summary = await waitFor(
        () => t!.call('stats.summary', { campaignId: id }),
        (s) => s.delivered === CONTACTS - REFUSED.length,
        20_000
      )
      expect(summary).toMatchObject({
        target: CONTACTS,
        sent: CONTACTS - REFUSED.length,
        delivered: CONTACTS - REFUSED.length,
        outcomeUnknown: REFUSED.length,
        dispatchErrors: 0
      })
      expect(summary.target).toBe(summary.sent + summary.dispatchErrors + summary.outcomeUnknown)
      expect(f.requests.length).toBe(CONTACTS - REFUSED.length)
    }, 90_000)
  }
)
