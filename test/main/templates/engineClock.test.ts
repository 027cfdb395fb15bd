import { join } from 'node:path'
import { expect, test } from 'vitest'
import { startFake } from '../../fakes'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTestEngines } from '../../helpers/testEngines'
import { until } from '../../helpers/until'
import { catalog } from './catalog'

/**
 * Template sync keeps time by the engine's clock, not the computer's: a list synced (or a sync
 * failed) is stamped with the engine's now, and "last synced over an hour ago" is measured from
 * it when the engine starts. The engines run days away from the wall clock, so `Date.now` would
 * be seen.
 */
const { tempDir, closeAfter } = useTestEngines()

const HOUR = 3600_000
const DAY = 24 * HOUR

async function engineAt(dataDir: string, now: number): Promise<TestEngine> {
  const t = await startTestEngine(dataDir, { clock: { now: () => now } })
  closeAfter(() => t.engine.close())
  return t
}

test('a sync and a failed sync are stamped with the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const t = await engineAt(join(tempDir(), 'data'), now)
  const fake = await startFake('meta', { catalog: catalog() })
  closeAfter(() => fake.close())
  const provider = await t.call('providers.create', {
    type: 'meta',
    name: 'Meta',
    config: fake.account().config as never
  })
  expect(await t.call('templates.sync', { providerId: provider.id })).toMatchObject({
    syncedAt: now,
    error: null
  })
  const sandbox = await t.call('providers.create', { type: 'sandbox', name: 'Sandbox', config: {} })
  expect((await t.call('templates.list', { providerId: sandbox.id })).syncedAt).toBe(now)

  await fake.close()
  const failed = await t.call('templates.sync', { providerId: provider.id })
  expect(failed.error).not.toBeNull()
  const attempted = t.engine.db
    .prepare('SELECT attempted_at FROM template_sync WHERE provider_id = ?')
    .pluck()
    .get(provider.id)
  expect(attempted).toBe(now)
})

test('a list synced over an hour before the engine’s now is synced again at start', async () => {
  const dataDir = join(tempDir(), 'data')
  // Synced ten days before the computer's today...
  const before = Date.now() - 10 * DAY
  const first = await engineAt(dataDir, before)
  const sandbox = await first.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: {}
  })
  expect((await first.call('templates.list', { providerId: sandbox.id })).syncedAt).toBe(before)
  await first.engine.close()

  // ...and started again two hours later by the engine's clock (still days before the computer's).
  const later = before + 2 * HOUR
  const second = await engineAt(dataDir, later)
  const synced = await until('the list synced again', async () => {
    const list = await second.call('templates.list', { providerId: sandbox.id })
    return list.syncedAt === later ? list : undefined
  })
  expect(synced.templates.length).toBeGreaterThan(0)
})
