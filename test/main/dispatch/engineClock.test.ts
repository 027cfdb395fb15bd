import { expect, test } from 'vitest'
import { useTestEngines } from '../../helpers/testEngines'
import { SANDBOX_TEMPLATE, campaignDraft, contactsCsv, waitFor } from './helpers'

/**
 * Dispatch and the Sandbox keep time by the engine's clock, not the computer's: a request's
 * times (left, accepted) and the statuses the Sandbox posts carry the engine's now, and whether
 * a send of unknown outcome is still being checked is measured from it (its queue and the send
 * pacing are timers, whatever the engine's clock says). The engine runs ten days behind the wall
 * clock on a clock that stands still, so `Date.now` would be seen, and a queue that waited for
 * the engine's clock to move would never post.
 */
const { start } = useTestEngines()

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const CONTACTS = 20

test('a send’s times and the Sandbox’s delivery reports are at the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const t = await start({ clock: { now: () => now } })
  await t.call('contacts.import', { csv: contactsCsv(CONTACTS) })
  const provider = await t.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: { latencyMs: 20, deliveredRate: 1, failedRate: 0, readRate: 0, replyRate: 0 }
  })
  const { id } = await t.call(
    'campaigns.create',
    campaignDraft(provider.id, { template: SANDBOX_TEMPLATE })
  )
  await t.call('campaigns.launch', { id })
  const delivered = await waitFor(
    () =>
      t.engine.db
        .prepare('SELECT delivered_at FROM message WHERE campaign_id = ? AND delivered_at > 0')
        .pluck()
        .all(id) as number[],
    (rows) => rows.length === CONTACTS,
    20_000
  )
  expect(delivered).toHaveLength(CONTACTS)
  // Meta's status timestamps are whole seconds.
  expect(new Set(delivered)).toEqual(new Set([Math.floor(now / 1000) * 1000]))
  const sent = t.engine.db
    .prepare('SELECT DISTINCT dispatched_at, sent_at FROM message WHERE campaign_id = ?')
    .all(id)
  expect(sent).toEqual([{ dispatched_at: now, sent_at: now }])

  // A send whose answer was lost a minute ago by the engine's clock is still being checked
  // (ten days ago by the computer's, long past the 30-minute deadline).
  t.engine.db
    .prepare(
      `UPDATE message SET dispatch_state = 'unknown', dispatched_at = ?
       WHERE id = (SELECT MIN(id) FROM message WHERE campaign_id = ?)`
    )
    .run(now - MINUTE, id)
  const unknown = await t.call('campaigns.unknownOutcomes', { id })
  expect(unknown.rows.map((r) => r.checkingUntil)).toEqual([now - MINUTE + 30 * MINUTE])
})
