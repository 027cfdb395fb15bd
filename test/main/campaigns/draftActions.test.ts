import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

async function setup() {
  t = await startTestEngine(tempDir())
  const lines = ['phone,name,city']
  for (let i = 0; i < 30; i++) lines.push(`+9198${String(20000000 + i)},User ${i},Pune`)
  await t.call('contacts.import', { csv: lines.join('\n') })
  const provider = await t.call('providers.create', {
    type: 'sandbox',
    name: 'Sandbox',
    config: { latencyMs: 5, ratePerSecond: 500 }
  })
  return provider.id
}

const draft = (providerId: string) => ({
  name: 'Diwali',
  providerId,
  template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
  audience: { filter: [{ property: 'city', op: 'eq' as const, value: 'Pune' }] },
  controlGroupPercent: 20,
  conversion: null,
  limit: 10,
  ratePerSecond: 100,
  scheduleAt: Date.now() + 3_600_000
})

/** The route's error code, or null when it answered. */
async function errorOf(route: 'campaigns.delete' | 'campaigns.duplicate', id: string) {
  const result = await t!.engine.invoke(route, { id })
  return result.ok ? null : result.error.code
}

describe('draft actions: duplicate and delete', () => {
  it('duplicate makes an unscheduled draft "Copy of …" with the same settings, from any status', async () => {
    const providerId = await setup()
    const { id } = await t!.call('campaigns.create', draft(providerId))
    const copy = await t!.call('campaigns.duplicate', { id })
    expect(copy.id).not.toBe(id)
    const view = await t!.call('campaigns.get', { id: copy.id })
    expect(view.status).toBe('draft')
    expect(view.name).toBe('Copy of Diwali')
    const { name: _n, scheduleAt: _s, ...settings } = draft(providerId)
    expect(view.draft).toMatchObject({ ...settings, name: 'Copy of Diwali', scheduleAt: null })

    // A cancelled campaign (any status) is a starting point for a new draft too.
    await t!.call('campaigns.cancel', { id })
    const again = await t!.call('campaigns.duplicate', { id })
    expect((await t!.call('campaigns.get', { id: again.id })).status).toBe('draft')
    expect(await errorOf('campaigns.duplicate', 'no-such-id')).toBe('not_found')
  })

  it('delete removes a draft only; a cancelled or sent campaign stays, with its messages', async () => {
    const providerId = await setup()
    const { id } = await t!.call('campaigns.create', draft(providerId))
    expect(await t!.call('campaigns.delete', { id })).toEqual({ deleted: true })
    expect(await errorOf('campaigns.delete', id)).toBe('not_found')
    expect((await t!.call('campaigns.list', {})).campaigns.map((c) => c.id)).not.toContain(id)

    const sent = await t!.call('campaigns.create', { ...draft(providerId), scheduleAt: null })
    await t!.call('campaigns.launch', { id: sent.id })
    for (let i = 0; i < 400; i++) {
      if ((await t!.call('campaigns.get', { id: sent.id })).status === 'completed') break
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(await errorOf('campaigns.delete', sent.id)).toBe('invalid_state')
    const kept = await t!.call('campaigns.get', { id: sent.id })
    expect(kept.status).toBe('completed')
    expect(kept.progress.sent).toBe(10)

    const cancelled = await t!.call('campaigns.create', draft(providerId))
    await t!.call('campaigns.cancel', { id: cancelled.id })
    expect(await errorOf('campaigns.delete', cancelled.id)).toBe('invalid_state')
  })
})
