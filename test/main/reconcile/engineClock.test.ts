import { afterEach, expect, test } from 'vitest'
import { startTwilioFake } from '../../fakes/twilio'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { createAccount, sendThroughTwilio } from './accounts'

/**
 * The reconciler keeps time by the engine's clock, not the computer's: a lookup's fills are
 * counted at the engine's now. The engine here runs days away from the wall clock, so `Date.now`
 * would be seen.
 */
const tempDir = useTempDirs()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const HOUR = 3600_000
const DAY = 24 * HOUR

async function engineAt(now: number): Promise<TestEngine> {
  const t = await startTestEngine(tempDir(), { clock: { now: () => now } })
  closers.push(() => t.engine.close())
  return t
}

test('a lookup counts its fills at the engine’s time', async () => {
  const now = Date.now() - 3 * DAY
  const t = await engineAt(now)
  const fake = await startTwilioFake()
  closers.push(() => fake.close())
  const { provider, hookUrl } = await createAccount(t, 'twilio', fake)
  const { campaignId, sids } = await sendThroughTwilio(t, {
    providerId: provider.id,
    count: 3,
    sentAt: now - HOUR,
    callbackUrl: hookUrl
  })
  fake.lose(sids.map((id) => ({ kind: 'status' as const, id, status: 'delivered' })))

  expect(await t.call('providers.reconcile', { campaignId })).toEqual({ fetched: 3, filled: 3 })
  const counter = t.engine.ctx.db
    .prepare('SELECT filled, last_at FROM lookup_counter WHERE campaign_id = ?')
    .get(campaignId)
  expect(counter).toEqual({ filled: 3, last_at: now })
})
