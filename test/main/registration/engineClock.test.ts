import { expect, test } from 'vitest'
import { startFake } from '../../fakes'
import type { TestEngine } from '../../helpers/engine'
import { useTestEngines } from '../../helpers/testEngines'
import { until } from '../../helpers/until'

/**
 * Registration keeps time by the engine's clock, not the computer's: what it records (an
 * attempt, a consent switch, a launch override) carries the engine's now, and "a callback in
 * the last 7 days" is counted back from it. The engine runs ten days behind the wall clock, so
 * `Date.now` would be seen. `--public-url` gives the account a callback URL without a tunnel.
 */
const { start, closeAfter } = useTestEngines()

const DAY = 24 * 3600_000
const SILENT = 'no callback in the last 7 days'

async function twilioAt(now: number) {
  const t: TestEngine = await start({
    clock: { now: () => now },
    publicUrl: 'https://callbacks.example.test'
  })
  const fake = await startFake('twilio')
  closeAfter(() => fake.close())
  await t.call('contacts.import', { csv: 'phone,name\n+919810000001,Asha\n+919810000002,Ben\n' })
  const provider = await t.call('providers.create', {
    type: 'twilio',
    name: 'Twilio',
    config: fake.account().config as never
  })
  const registered = await until('the account registered', async () => {
    const { accounts } = await t.call('registration.list', {})
    return accounts[0]?.latest?.outcome === 'registered' ? accounts[0] : undefined
  })
  const draft = {
    name: 'Clock',
    providerId: provider.id,
    template: { name: 'Hello {{1}}', language: 'en', params: [] },
    audience: { all: true as const },
    controlGroupPercent: 0
  }
  return { t, providerId: provider.id, registered, draft }
}

test('an attempt, a consent switch and a launch override are recorded at the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const { t, providerId, registered, draft } = await twilioAt(now)
  expect(registered.latest!.at).toBe(now)

  await t.call('registration.setEnabled', { providerId, enabled: false })
  const consent = t.engine.db
    .prepare('SELECT changed_at FROM registration_consent WHERE provider_id = ?')
    .pluck()
    .get(providerId)
  expect(consent).toBe(now)

  // Silent for 7 days by the engine's clock: launched only over the readiness problem.
  const { id } = await t.call('campaigns.create', draft)
  await t.call('campaigns.launch', { id, overrideReadiness: true })
  const { override } = await t.call('registration.campaign', { campaignId: id })
  expect(override?.problems.join(' ')).toContain(SILENT)
  expect(override?.at).toBe(now)
})

test('a callback a day before the engine’s today is recent, whatever the computer’s date', async () => {
  const now = Date.now() - 10 * DAY
  const { t, providerId, draft } = await twilioAt(now)
  const before = await t.call('campaigns.preview', { draft })
  expect(before.problems.join(' ')).toContain(SILENT)

  // Eleven days before the computer's today, one day before the engine's.
  t.engine.db
    .prepare(
      `INSERT INTO callback_counter (provider_id, reason, count, last_at) VALUES (?, 'received', 1, ?)`
    )
    .run(providerId, now - DAY)
  const after = await t.call('campaigns.preview', { draft })
  expect(after.problems.join(' ')).not.toContain(SILENT)
  expect(after.problems).toEqual([])
})
