import { expect, test } from 'vitest'
import type { TestEngine } from '../../helpers/engine'
import { useTestEngines } from '../../helpers/testEngines'
import { until } from '../../helpers/until'
import { SANDBOX_TEMPLATE, campaignDraft, contactsCsv } from '../dispatch/helpers'

/**
 * Campaigns keep time by the engine's clock, not the computer's: whether a launch schedules or
 * sends now, when a scheduled one fires, and the times a campaign row is written with (created,
 * edited, launched, cancelled) all follow the engine's now. The engines run ten days behind the
 * wall clock, so `Date.now` would be seen.
 */
const { start } = useTestEngines()

const DAY = 24 * 3600_000

async function sandboxAt(clock: { now: () => number }) {
  const t: TestEngine = await start({ clock })
  await t.call('contacts.import', { csv: contactsCsv(10) })
  const provider = await t.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: { latencyMs: 20 }
  })
  const draft = (overrides: Record<string, unknown> = {}) =>
    campaignDraft(provider.id, { template: SANDBOX_TEMPLATE, ...overrides })
  const row = (id: string) =>
    t.engine.db
      .prepare(
        'SELECT status, scheduled_at, launched_at, completed_at, created_at, updated_at FROM campaign WHERE id = ?'
      )
      .get(id) as Record<string, number | string | null>
  return { t, draft, row }
}

test('a launch a day ahead of the engine’s now is scheduled, and rows carry the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const { t, draft, row } = await sandboxAt({ now: () => now })
  // Nine days before the computer's today, a day after the engine's.
  const at = now + DAY
  const { id } = await t.call('campaigns.create', draft({ scheduleAt: at }))
  expect(row(id)).toMatchObject({ created_at: now, updated_at: now })

  expect((await t.call('campaigns.launchPreview', { id })).scheduleAt).toBe(at)
  expect(await t.call('campaigns.launch', { id })).toEqual({ status: 'scheduled' })
  expect(row(id)).toMatchObject({ status: 'scheduled', scheduled_at: at, updated_at: now })

  // Launched now and cancelled while sending (one a second): both at the engine's time.
  const { id: sending } = await t.call('campaigns.create', draft({ ratePerSecond: 1 }))
  await t.call('campaigns.launch', { id: sending })
  expect(row(sending)).toMatchObject({ launched_at: now })
  await t.call('campaigns.cancel', { id: sending })
  expect(row(sending)).toMatchObject({ status: 'cancelled', completed_at: now })
})

test('a scheduled launch fires when the engine’s clock reaches it', async () => {
  const behind = 10 * DAY
  const { t, draft, row } = await sandboxAt({ now: () => Date.now() - behind })
  const at = Date.now() - behind + 1500
  const { id } = await t.call('campaigns.create', draft({ scheduleAt: at }))
  expect(await t.call('campaigns.launch', { id })).toEqual({ status: 'scheduled' })
  const launched = await until('the scheduled launch', () => {
    const r = row(id)
    return r.launched_at !== null ? r : undefined
  })
  expect(launched.launched_at).toBeGreaterThanOrEqual(at)
  expect(launched.launched_at).toBeLessThan(at + DAY)
})
