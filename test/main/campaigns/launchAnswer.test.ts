import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { waitFor } from '../dispatch/helpers'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

/** Above the 20,000 contacts a launch waits for: this audience is checked behind `qualifying`. */
const CONTACTS = 21_000
/** Every 1,000th contact has no city. */
const NO_CITY = CONTACTS / 1000

async function setup(dir = tempDir()) {
  t = await startTestEngine(dir)
  const lines = ['phone,name,city']
  for (let i = 0; i < CONTACTS; i++)
    lines.push(`+9198${String(10000000 + i)},User ${i},${i % 1000 === 7 ? '' : 'Pune'}`)
  await t.call('contacts.import', { csv: lines.join('\n') })
  const provider = await t.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: { latencyMs: 50, ratePerSecond: 500 }
  })
  return provider.id
}

const draft = (providerId: string, city: string) => ({
  name: 'Big launch',
  providerId,
  template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', city] },
  audience: { all: true as const },
  controlGroupPercent: 10,
  ratePerSecond: 50
})

describe('a launch of a large audience', () => {
  it('answers at once; a failed audience check puts it back to draft with the reason, nothing sent', async () => {
    const providerId = await setup()
    const { id } = await t!.call('campaigns.create', draft(providerId, 'Code for {{city}}'))
    const launched = await t!.call('campaigns.launch', { id })
    expect(launched.status).toBe('qualifying')
    const checking = await t!.call('campaigns.get', { id })
    expect(checking.progress.qualifying).toEqual({ qualified: 0, expected: 0 })
    // A second launch and an edit are refused while the check runs (the campaign is live).
    await expect(t!.call('campaigns.launch', { id })).rejects.toThrow(/invalid_state/)
    await expect(
      t!.call('campaigns.update', { id, draft: draft(providerId, 'x'), version: 1 })
    ).rejects.toThrow(/invalid_state/)

    const refused = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'draft',
      20_000
    )
    expect(refused.status).toBe('draft')
    expect(refused.pausedReason).toBe(
      `Not launched: {{city}} is missing for ${NO_CITY} of ${CONTACTS} qualified contacts (for example +919810000007). Fill it, filter those contacts out, or use fixed text.`
    )
    expect(refused.launchedAt).toBeNull()
    expect(refused.template).toBeNull()
    expect(refused.progress).toEqual({ qualified: 0, processed: 0 })
    const db = t!.engine.db
    expect(db.prepare('SELECT COUNT(*) FROM message WHERE campaign_id = ?').pluck().get(id)).toBe(0)
    expect(db.prepare('SELECT COUNT(*) FROM qualify_job').pluck().get()).toBe(0)

    // Fixed text instead of the blank property: the same campaign launches and qualifies everyone.
    await t!.call('campaigns.update', { id, draft: draft(providerId, 'Code for you'), version: 1 })
    expect((await t!.call('campaigns.launch', { id })).status).toBe('qualifying')
    const checked = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.progress.qualifying?.expected !== 0,
      20_000
    )
    expect(checked.progress.qualifying?.expected ?? checked.progress.qualified).toBe(CONTACTS)
    const running = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'running',
      60_000
    )
    expect(running.progress.qualified).toBe(CONTACTS)
    expect(running.pausedReason).toBeUndefined()
    await t!.call('campaigns.cancel', { id })
  }, 120_000)

  it('cancelled while its audience is checked: cancelled, no message rows', async () => {
    const providerId = await setup()
    const { id } = await t!.call('campaigns.create', draft(providerId, 'Code for you'))
    expect((await t!.call('campaigns.launch', { id })).status).toBe('qualifying')
    expect((await t!.call('campaigns.cancel', { id })).status).toBe('cancelled')
    // Long enough for the check to have finished had it gone on.
    await new Promise((r) => setTimeout(r, 1000))
    const after = await t!.call('campaigns.get', { id })
    expect(after.status).toBe('cancelled')
    const db = t!.engine.db
    expect(db.prepare('SELECT COUNT(*) FROM message WHERE campaign_id = ?').pluck().get(id)).toBe(0)
  }, 60_000)

  it('cancelled while qualifying: cancelled at once, its queued rows end as cancelled errors in the background, across a restart too', async () => {
    const dir = tempDir()
    const providerId = await setup(dir)
    const { id } = await t!.call('campaigns.create', draft(providerId, 'Code for you'))
    await t!.call('campaigns.launch', { id })
    await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => (c.progress.qualifying?.qualified ?? c.progress.qualified) >= 5000,
      60_000
    )
    expect((await t!.call('campaigns.cancel', { id })).status).toBe('cancelled')
    // Stopped right after the cancel answered: the next start finishes ending the queued rows.
    await t!.engine.close()
    t = await startTestEngine(dir)
    const queued = () =>
      t!.engine.db
        .prepare(`SELECT COUNT(*) FROM message WHERE campaign_id = ? AND dispatch_state = 'queued'`)
        .pluck()
        .get(id) as number
    expect(await waitFor(queued, (n) => n === 0, 30_000)).toBe(0)
    const rows = t!.engine.db
      .prepare(
        `SELECT COUNT(*) AS n, SUM(m.dispatch_error = 'cancelled') AS cancelled,
           SUM(m.dispatch_error = 'cancelled' AND m.dispatched_at != c.completed_at) AS otherTime
         FROM message m JOIN campaign c ON c.id = m.campaign_id WHERE m.campaign_id = ?`
      )
      .get(id) as { n: number; cancelled: number; otherTime: number }
    expect(rows.n).toBeGreaterThanOrEqual(5000)
    expect(rows.cancelled).toBeGreaterThan(rows.n / 2)
    // Dated at the cancel (the campaign's completed_at), whichever run ended them.
    expect(rows.otherTime).toBe(0)
    expect((await t!.call('campaigns.get', { id })).status).toBe('cancelled')
  }, 120_000)

  it('stopped while its audience is checked: the next start checks again, then qualifies and sends', async () => {
    const dir = tempDir()
    const providerId = await setup(dir)
    const { id } = await t!.call('campaigns.create', draft(providerId, 'Code for you'))
    await t!.call('campaigns.launch', { id })
    expect((await t!.call('campaigns.get', { id })).progress.qualifying?.expected).toBe(0)
    await t!.engine.close()
    t = await startTestEngine(dir)
    const db = t.engine.db
    expect(
      db.prepare('SELECT checked FROM qualify_job WHERE campaign_id = ?').pluck().get(id)
    ).toBe(0)
    const sending = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'running' && (c.progress.sent ?? 0) > 0,
      60_000
    )
    expect(sending.progress.qualified).toBe(CONTACTS)
    expect(db.prepare('SELECT COUNT(*) FROM message WHERE campaign_id = ?').pluck().get(id)).toBe(
      CONTACTS
    )
    await t!.call('campaigns.cancel', { id })
  }, 120_000)
})
