import { expect, test } from 'vitest'
import { useTestEngines } from '../../helpers/testEngines'
import { SANDBOX_TEMPLATE, campaignDraft, contactsCsv, waitFor } from './helpers'

/**
 * The Sandbox reports at the engine's time, not the computer's: the statuses it posts carry the
 * engine's now (its queue waits real milliseconds, a timer, whatever the engine's clock says).
 * The engine runs ten days behind the wall clock on a clock that stands still, so `Date.now`
 * would be seen, and a queue that waited for the engine's clock to move would never post.
 */
const { start } = useTestEngines()

const DAY = 24 * 3600_000
const CONTACTS = 20

test('the Sandbox’s delivery reports are at the engine’s time', async () => {
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
})
