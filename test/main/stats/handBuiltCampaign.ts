import type { Db } from '../../../src/main/db/openDb'
import { addContact, addEvent, addMessage, seedProviderAndCampaign, update, utc } from './fixture'

export const CAMPAIGN = 'cmp-fixture'

/**
 * The hand-built campaign of the stats acceptance tests: 10 target and 3 control users whose
 * rows go through sends, callbacks in awkward orders, replies and goal events (see the test for
 * the expected values, worked out by hand). Times straddle the Berlin DST switch
 * (2026-03-29 01:00Z) and the March/April boundary, which Kolkata (+5:30) crosses earlier.
 */
export function buildHandBuiltCampaign(db: Db) {
  seedProviderAndCampaign(db, CAMPAIGN, {
    event: 'purchase',
    windowHours: 48,
    revenueProperty: 'revenue'
  })
  const names = [
    'Asha Rao',
    'Bilal Khan',
    'Chitra Iyer',
    'Dev Patel',
    'Esha Nair',
    'Farhan Ali',
    'Gita Das',
    'Hari Menon',
    'Indu Bose',
    'Jai Singh',
    'Kiran Shah',
    'Lata Joshi',
    null
  ]
  names.forEach((name, i) => addContact(db, i + 1, name))
  const launch = utc('2026-03-28T19:59:00Z')
  const m: Record<number, number> = {}
  for (let u = 1; u <= 10; u++) m[u] = addMessage(db, CAMPAIGN, u, 'target')
  for (let u = 11; u <= 13; u++)
    m[u] = addMessage(db, CAMPAIGN, u, 'control', { set_aside_at: launch })

  // A goal event that arrives before its user is sent: u4's window edge (exactly sent + 48 h).
  addEvent(db, 4, 'purchase', utc('2026-03-31T18:40:00Z'), 5)

  const send = (u: number, at: string): void => {
    update(db, m[u]!, { dispatch_state: 'in_flight', dispatched_at: utc(at) - 1000, attempts: 1 })
    update(db, m[u]!, {
      dispatch_state: 'sent',
      sent_at: utc(at),
      provider_message_id: `wamid.${u}`
    })
  }
  send(1, '2026-03-28T20:00:00Z')
  send(2, '2026-03-28T23:30:00Z')
  send(3, '2026-03-29T01:15:00Z')
  send(4, '2026-03-29T18:40:00Z')
  send(8, '2026-03-29T22:10:00Z')
  send(9, '2026-03-31T21:50:00Z')
  send(10, '2026-03-31T22:30:00Z')
  update(db, m[5]!, { dispatch_state: 'in_flight', dispatched_at: utc('2026-03-28T20:01:00Z') })
  update(db, m[5]!, {
    dispatch_state: 'error',
    dispatch_error: 'timeout',
    provider_error: 'no answer in 30 s'
  })
  update(db, m[6]!, {
    dispatch_state: 'error',
    dispatch_error: 'campaign_limit',
    dispatched_at: utc('2026-03-28T20:02:00Z')
  })
  update(db, m[7]!, { dispatch_state: 'in_flight', dispatched_at: utc('2026-03-28T20:03:00Z') })
  update(db, m[7]!, { dispatch_state: 'unknown' })

  // u1: read before delivered; two replies, the earlier one arriving second.
  update(db, m[1]!, { status: 'read', read_at: utc('2026-03-29T06:00:00Z') })
  update(db, m[1]!, { delivered_at: utc('2026-03-28T20:05:00Z') })
  update(db, m[1]!, { reply_count: 1, first_reply_at: utc('2026-03-29T09:00:00Z') })
  update(db, m[1]!, { reply_count: 2, first_reply_at: utc('2026-03-29T07:00:00Z') })
  // u2: failed first, then delivered beats failed.
  update(db, m[2]!, {
    status: 'failed',
    failed_at: utc('2026-03-28T23:31:00Z'),
    failure_code: '131026',
    failure_title: 'Message undeliverable'
  })
  update(db, m[2]!, {
    status: 'delivered',
    delivered_at: utc('2026-03-28T23:35:00Z'),
    failure_code: null,
    failure_title: null
  })
  // u3: sent status, then failed by a known Meta code.
  update(db, m[3]!, { status: 'sent', status_sent_at: utc('2026-03-29T01:15:05Z') })
  update(db, m[3]!, {
    status: 'failed',
    failed_at: utc('2026-03-29T01:16:00Z'),
    failure_code: '131049',
    failure_title: 'This message was not delivered to maintain healthy ecosystem engagement.'
  })
  // u8: failed by a code no dictionary knows.
  update(db, m[8]!, {
    status: 'failed',
    failed_at: utc('2026-03-29T22:11:00Z'),
    failure_code: 'X42',
    failure_title: 'Carrier said no'
  })
  // u9: read without delivered; one reply.
  update(db, m[9]!, { status: 'read', read_at: utc('2026-04-01T08:00:00Z') })
  update(db, m[9]!, { reply_count: 1, first_reply_at: utc('2026-04-01T08:05:00Z') })
  // u10: delivered, then read.
  update(db, m[10]!, { status: 'delivered', delivered_at: utc('2026-03-31T22:31:00Z') })
  update(db, m[10]!, { status: 'read', read_at: utc('2026-03-31T23:00:00Z') })

  // Goal events: repeat purchases (u1), outside the window (u2 after, u3 before), not sent (u5),
  // the window edge (u4), a deleted event (u10), another event name, a zero-revenue control.
  addEvent(db, 1, 'purchase', utc('2026-03-28T21:00:00Z'), 100)
  addEvent(db, 1, 'purchase', utc('2026-03-29T06:00:00Z'), 50)
  addEvent(db, 2, 'purchase', utc('2026-03-31T00:30:00Z'), 70)
  addEvent(db, 3, 'purchase', utc('2026-03-29T00:15:00Z'), 20)
  addEvent(db, 4, 'purchase', utc('2026-03-31T17:40:00Z'), 30)
  addEvent(db, 5, 'purchase', utc('2026-03-28T21:00:00Z'), 999)
  addEvent(db, 9, 'page_view', utc('2026-04-01T08:10:00Z'), 12)
  addEvent(db, 10, 'purchase', utc('2026-04-01T00:00:00Z'), 200)
  const mistake = addEvent(db, 10, 'purchase', utc('2026-04-01T01:00:00Z'), 1000)
  db.prepare('DELETE FROM contact_event WHERE id = ?').run(mistake)
  addEvent(db, 11, 'purchase', utc('2026-03-29T10:00:00Z'), null)
  addEvent(db, 12, 'purchase', utc('2026-03-30T20:00:00Z'), 500)
  return m
}
