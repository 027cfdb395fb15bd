import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

function csv(n: number, withCity: (i: number) => boolean): string {
  const lines = ['phone,name,city,tier']
  for (let i = 0; i < n; i++)
    lines.push(
      `+9198${String(10000000 + i)},User ${i},${withCity(i) ? (i % 2 ? 'Pune' : 'Mumbai') : ''},${i % 3 ? 'gold' : 'silver'}`
    )
  return lines.join('\n')
}

async function setup(n: number, withCity = (_i: number) => true) {
  t = await startTestEngine(tempDir())
  await t.call('contacts.import', { csv: csv(n, withCity) })
  const provider = await t.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: { latencyMs: 50, ratePerSecond: 500 }
  })
  return provider.id
}

const draft = (providerId: string) => ({
  name: 'Diwali',
  providerId,
  template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'Code for {{city}}'] },
  audience: { all: true as const },
  controlGroupPercent: 20,
  conversion: { event: 'purchase', windowHours: 48, revenueProperty: 'revenue' },
  limit: null,
  ratePerSecond: 400,
  scheduleAt: null
})

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (ok(v) || Date.now() > end) return v
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('campaign drafts', () => {
  it('previews qualified count, a filled sample, and blank placeholders as problems', async () => {
    const providerId = await setup(50, (i) => i % 10 !== 3)
    const preview = await t!.call('campaigns.preview', { draft: draft(providerId) })
    expect(preview.qualified).toBe(50)
    expect(preview.sample).toEqual({
      phone: '+919810000000',
      name: 'User 0',
      params: ['User 0', 'Code for Mumbai']
    })
    expect(preview.problems).toHaveLength(1)
    expect(preview.problems[0]).toContain('{{city}} is missing for 5 of 50')

    const { id } = await t!.call('campaigns.create', draft(providerId))
    await expect(t!.call('campaigns.launch', { id })).rejects.toThrow(/invalid_state.*city/)
    expect((await t!.call('campaigns.get', { id })).status).toBe('draft')
  })

  it('filters the audience with eq / neq / contains / exists over properties', async () => {
    const providerId = await setup(30, (i) => i < 20)
    const count = async (
      filter: { property: string; op: 'eq' | 'neq' | 'contains' | 'exists'; value?: string }[]
    ) =>
      (await t!.call('campaigns.preview', { draft: { providerId, audience: { filter } } }))
        .qualified
    expect(await count([{ property: 'city', op: 'eq', value: 'Pune' }])).toBe(10)
    expect(await count([{ property: 'city', op: 'neq', value: 'Pune' }])).toBe(20)
    expect(await count([{ property: 'city', op: 'contains', value: 'mum' }])).toBe(10)
    expect(await count([{ property: 'city', op: 'exists' }])).toBe(20)
    expect(
      await count([
        { property: 'city', op: 'exists' },
        { property: 'tier', op: 'eq', value: 'gold' }
      ])
    ).toBe(13)
    expect(await count([{ property: "x') OR 1=1 --", op: 'exists' }])).toBe(0)
  })

  it('rejects an unknown provider', async () => {
    await setup(1)
    await expect(t!.call('campaigns.create', draft('nope'))).rejects.toThrow(/does not exist/)
  })
})

describe('a Sandbox campaign', () => {
  it('launches, dispatches every target once, and completes with the invariant holding', async () => {
    const providerId = await setup(300)
    const events: string[] = []
    t!.engine.subscribe((name) => void events.push(name))
    const { id } = await t!.call('campaigns.create', { ...draft(providerId), limit: 200 })
    expect((await t!.call('campaigns.launch', { id })).status).toBe('running')
    const done = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed'
    )
    expect(done.status).toBe('completed')
    const rows = t!.engine.db
      .prepare(
        `SELECT grp, dispatch_state AS s, dispatch_error AS e, COUNT(*) AS n FROM message WHERE campaign_id = ? GROUP BY 1, 2, 3`
      )
      .all(id) as { grp: string; s: string; e: string | null; n: number }[]
    const n = (grp: string, s: string) =>
      rows.filter((r) => r.grp === grp && r.s === s).reduce((a, r) => a + r.n, 0)
    const control = n('control', 'control')
    const target = 300 - control
    expect(control).toBeGreaterThan(30)
    expect(control).toBeLessThan(90)
    expect(n('target', 'sent')).toBe(Math.min(200, target))
    expect(n('target', 'error')).toBe(Math.max(0, target - 200))
    expect(done.progress).toMatchObject({
      qualified: 300,
      processed: 300,
      sent: Math.min(200, target)
    })
    expect(events).toContain('campaign.progress')
    // Every target row carries its own contact's filled parameters; control rows carry none.
    const filled = t!.engine.db
      .prepare(
        `SELECT m.grp, m.params, c.name, json_extract(c.properties, '$.city') AS city
         FROM message m JOIN contact c ON c.id = m.contact_id WHERE m.campaign_id = ?`
      )
      .all(id) as { grp: string; params: string | null; name: string; city: string }[]
    const targets = filled.filter((r) => r.grp === 'target')
    expect(targets).toHaveLength(target)
    for (const r of targets) expect(JSON.parse(r.params!)).toEqual([r.name, `Code for ${r.city}`])
    expect(filled.filter((r) => r.grp === 'control').map((r) => r.params)).toEqual(
      Array(control).fill(null)
    )
  })

  it('schedules a launch and cancels a scheduled campaign', async () => {
    const providerId = await setup(20)
    const at = Date.now() + 400
    const { id } = await t!.call('campaigns.create', { ...draft(providerId), scheduleAt: at })
    expect((await t!.call('campaigns.launch', { id })).status).toBe('scheduled')
    const done = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed'
    )
    expect(done.status).toBe('completed')
    expect(done.launchedAt!).toBeGreaterThanOrEqual(at)

    const later = await t!.call('campaigns.create', {
      ...draft(providerId),
      scheduleAt: Date.now() + 60_000
    })
    await t!.call('campaigns.launch', { id: later.id })
    expect((await t!.call('campaigns.cancel', { id: later.id })).status).toBe('cancelled')
  })

  it('a scheduled launch survives an engine restart', async () => {
    const dir = tempDir()
    t = await startTestEngine(dir)
    await t.call('contacts.import', { csv: csv(10, () => true) })
    const provider = await t.call('providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: { latencyMs: 50 }
    })
    const at = Date.now() + 1500
    const { id } = await t.call('campaigns.create', { ...draft(provider.id), scheduleAt: at })
    expect((await t.call('campaigns.launch', { id })).status).toBe('scheduled')
    await t.engine.close()
    t = await startTestEngine(dir)
    expect((await t.call('campaigns.get', { id })).status).toBe('scheduled')
    const done = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed'
    )
    expect(done.status).toBe('completed')
    expect(done.launchedAt!).toBeGreaterThanOrEqual(at)
  })

  it('pause keeps unsent rows queued; a restart keeps it paused; resume completes', async () => {
    const dir = tempDir()
    t = await startTestEngine(dir)
    await t.call('contacts.import', { csv: csv(200, () => true) })
    const provider = await t.call('providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: { latencyMs: 50, ratePerSecond: 20 }
    })
    const { id } = await t.call('campaigns.create', {
      ...draft(provider.id),
      controlGroupPercent: 0
    })
    await t.call('campaigns.launch', { id })
    await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.progress.processed >= 5
    )
    expect((await t.call('campaigns.pause', { id })).status).toBe('paused')
    await t.engine.close()
    t = await startTestEngine(dir)
    const paused = await t.call('campaigns.get', { id })
    expect(paused.status).toBe('paused')
    expect(paused.progress.processed).toBeLessThan(200)
    const queued = t.engine.db
      .prepare(
        `SELECT COUNT(*) AS n FROM message WHERE campaign_id = ? AND dispatch_state = 'queued'`
      )
      .get(id) as { n: number }
    expect(queued.n).toBe(200 - paused.progress.processed)
    await t.call('campaigns.resume', { id })
    const done = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed'
    )
    expect(done.progress).toMatchObject({ qualified: 200, processed: 200, dispatchErrors: 0 })
  })
})
