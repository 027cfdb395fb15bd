import { expect, test } from 'vitest'
import type { Db } from '../../../src/main/db/openDb'
import { seedCampaign } from '../../helpers/seedCampaign'
import { fileStamp } from '../../../src/main/db/backup'
import { startFake } from '../../fakes'
import { useTestEngines } from '../../helpers/testEngines'
import { RATE_CARD_CSV } from '../pricing/costFixture'

/**
 * The rows the engine writes for the operator carry the engine's now, not the computer's: the
 * first-run seed, a provider account created and edited, imported contacts and goal events (by
 * file and live), an imported rate card and an account's pricing. The repositories take the
 * time from these callers. A connection test is stamped with the engine's now (how long it took
 * is a timer), an unnamed backup is named by it, and whether the computer stays awake for
 * reports still to come is measured from it. The engines run ten days behind the wall clock, so
 * `Date.now` would be seen.
 */
const { start, closeAfter } = useTestEngines()

const DAY = 24 * 3600_000

/** Every distinct value of the columns a query selects. */
const timesIn = (db: Db) => (sql: string) => new Set(db.prepare(sql).raw().all().flat())

test('seeded, created, edited and imported rows carry the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const t = await start({ clock: { now: () => now }, seedDemo: true })
  const times = timesIn(t.engine.db)

  // The first run's Sandbox account and demo contacts.
  expect(times('SELECT created_at, updated_at FROM provider')).toEqual(new Set([now]))
  expect(times('SELECT created_at, updated_at FROM contact')).toEqual(new Set([now]))
  expect(times('SELECT created_at FROM contact_event')).toEqual(new Set([now]))

  const later = now + 1000
  const t2 = await start({ clock: { now: () => later } })
  const db2 = t2.engine.db
  const times2 = timesIn(db2)
  const provider = await t2.call('providers.create', { type: 'sandbox', name: 'S', config: {} })
  await t2.call('providers.update', { id: provider.id, name: 'Sandbox', config: {} })
  expect(
    db2.prepare('SELECT created_at, updated_at FROM provider WHERE id = ?').get(provider.id)
  ).toEqual({ created_at: later, updated_at: later })

  await t2.call('contacts.import', { csv: 'phone,name\n+14155550100,Ana\n+14155550101,Ben\n' })
  await t2.call('events.import', {
    csv: 'phone,event,time\n+14155550100,purchase,2026-11-01T10:00:00Z\n'
  })
  const endpoint = await t2.call('callbacks.eventsEndpoint', {})
  const live = await fetch(`${t2.engine.hooksBase()}${endpoint.path}`, {
    method: 'POST',
    body: JSON.stringify({ phone: '+14155550101', event: 'signup', time: 1790000000 })
  })
  expect(await live.json()).toEqual({ imported: 1, rejected: [] })
  expect(times2('SELECT created_at, updated_at FROM contact')).toEqual(new Set([later]))
  expect(times2('SELECT created_at FROM contact_event')).toEqual(new Set([later]))

  expect((await t2.call('pricing.importRateCard', { csv: RATE_CARD_CSV })).rejected).toEqual([])
  expect((await t2.call('pricing.rates', {})).importedAt).toBe(later)
  await t2.call('pricing.setAccount', {
    providerId: provider.id,
    currency: 'USD',
    feePerMessage: 0.001,
    marketingMessagesApi: false
  })
  expect(times2('SELECT updated_at FROM provider_pricing')).toEqual(new Set([later]))
})

test('reports still to come of a campaign that ended an hour before the engine’s now keep it awake', async () => {
  const now = Date.now() - 10 * DAY
  const t = await start({ clock: { now: () => now } })
  const provider = await t.call('providers.create', { type: 'sandbox', name: 'S', config: {} })
  const db = t.engine.db
  const { campaignId } = seedCampaign(db, { providerId: provider.id, count: 3, sentAt: now - DAY })
  // Ended an hour ago by the engine's clock, ten days ago by the computer's: 3 reports to come.
  db.prepare(`UPDATE campaign SET status = 'completed', completed_at = ? WHERE id = ?`).run(
    now - 3600_000,
    campaignId
  )
  db.prepare(
    `INSERT OR REPLACE INTO stats_counter (campaign_id, key, n) VALUES (?, 'st:awaiting', 3)`
  ).run(campaignId)
  expect(await t.call('system.keepAwake', {})).toEqual({
    keepAwake: true,
    reason: '3 delivery reports are still to come.'
  })
})

test('an unnamed backup is named by the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const t = await start({ clock: { now: () => now } })
  const backup = await t.call('data.backup', {})
  expect(backup.path.endsWith(`tickboard-${fileStamp(now)}.sqlite`)).toBe(true)
})

test('a connection test is stamped with the engine’s time; how long it took is measured', async () => {
  const now = Date.now() - 10 * DAY
  const t = await start({ clock: { now: () => now } })
  const fake = await startFake('meta')
  closeAfter(() => fake.close())
  const provider = await t.call('providers.create', {
    type: 'meta',
    name: 'Meta',
    config: fake.account().config as never
  })
  const tested = await t.call('providers.testConnection', { id: provider.id })
  expect(tested).toMatchObject({ outcome: 'ok', at: now })
  expect(tested.ms).toBeGreaterThanOrEqual(0)
})
