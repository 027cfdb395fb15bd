import { expect, it } from 'vitest'
import { campaignDraft, metaConfig, phoneOf, stateCounts, useDispatchRig, waitFor } from './helpers'

process.env.TICKBOARD_LOST_SEND_DEADLINE_MS = '2000'

const rig = useDispatchRig()

it('outcome unknown is listed with why; sent again only by the explicit resend, after the checking deadline', async () => {
  const { t, fake, provider } = await rig('meta', { contacts: 30, config: metaConfig })
  fake.script(phoneOf(3), { kind: 'acceptThenDrop' }, 1)
  fake.script(phoneOf(7), { kind: 'drop' }, 1)
  fake.script(phoneOf(9), { kind: 'http', status: 502 }, 1)
  const { id } = await t.call('campaigns.create', campaignDraft(provider.id, { ratePerSecond: 50 }))
  await t.call('campaigns.launch', { id, overrideReadiness: true })
  const done = await waitFor(
    () => t!.call('campaigns.get', { id }),
    (c) => c.status === 'completed'
  )
  expect(done.status).toBe('completed')

  const listed = await t.call('campaigns.unknownOutcomes', { id })
  expect(listed.total).toBe(3)
  expect(listed.rows.map((r) => r.phone)).toEqual([phoneOf(3), phoneOf(7), phoneOf(9)])
  expect(listed.rows[0]!.reason).toMatch(/connection broke after the request was sent/)
  expect(listed.rows[2]!.reason).toMatch(/server error/)
  expect(listed.rows[2]!.providerMessage).toMatch(/^131000: /)
  for (const r of listed.rows) expect(r.checkingUntil).toBeGreaterThan(Date.now())

  // The risk must be acknowledged in the call itself.
  const refused = await t.engine.invoke('campaigns.resendUnknown', { id })
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  // While they are still being checked, nothing is sent again.
  expect(await t.call('campaigns.resendUnknown', { id, acceptDuplicateRisk: true })).toEqual({
    status: 'completed',
    requeued: 0,
    stillChecking: 3
  })
  await new Promise((r) => setTimeout(r, 2100))
  expect((await t.call('campaigns.unknownOutcomes', { id })).rows[0]!.checkingUntil).toBeNull()
  const resent = await t.call('campaigns.resendUnknown', { id, acceptDuplicateRisk: true })
  expect(resent).toMatchObject({ requeued: 3, stillChecking: 0 })
  const again = await waitFor(
    () => t!.call('campaigns.get', { id }),
    (c) => c.status === 'completed' && stateCounts(t!, id).sent === 30
  )
  expect(again.status).toBe('completed')
  expect(stateCounts(t, id)).toMatchObject({ sent: 30, unknown: 0 })
  // What the operator accepted: the one whose first send had arrived got it twice.
  const counts = fake.deliveriesPerRecipient()
  expect(counts.get(phoneOf(3))).toBe(2)
  expect(counts.get(phoneOf(7))).toBe(1)
  expect(counts.get(phoneOf(9))).toBe(1)
  expect((await t.call('stats.summary', { campaignId: id })).outcomeUnknown).toBe(0)
}, 60_000)
