import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/db/openDb'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

describe('campaigns.list pages, searches and filters, with each campaign outcome', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('pages newest first, matches any part of the name in any case, filters statuses', async () => {
    const dataDir = join(tempDir(), 'data')
    // Two generated (completed) campaigns, then drafts made through the engine.
    const db = openDb(dataDir)
    const done = [1, 2].map(
      (seed) =>
        generateDemoCampaign(createDemoStore(db), {
          recipients: 400,
          seed,
          name: `Diwali 100% ${seed}`
        }).campaignId
    )
    db.close()
    t = await startTestEngine(dataDir)
    const { call } = t
    const providerId = (await call('providers.list', {})).providers[0]!.id
    const draft = (name: string) =>
      call('campaigns.create', {
        name,
        providerId,
        template: { name: 'offer', language: 'en', params: [] },
        audience: { all: true as const },
        controlGroupPercent: 10,
        limit: null,
        ratePerSecond: 100,
        scheduleAt: null
      })
    for (let i = 0; i < 5; i++) await draft(`Spring sale ${i}`)

    const all = await call('campaigns.list', {})
    expect(all.total).toBe(7)
    expect(all.campaigns).toHaveLength(7)

    const first = await call('campaigns.list', { limit: 3 })
    const second = await call('campaigns.list', { limit: 3, offset: 3 })
    expect(first.total).toBe(7)
    expect([...first.campaigns, ...second.campaigns].map((c) => c.id)).toEqual(
      all.campaigns.slice(0, 6).map((c) => c.id)
    )

    const spring = await call('campaigns.list', { search: 'SALE', limit: 50 })
    expect(spring.total).toBe(5)
    expect(spring.campaigns.every((c) => c.name.startsWith('Spring sale'))).toBe(true)
    // % is a character to find, not a wildcard.
    expect((await call('campaigns.list', { search: '100%', limit: 50 })).total).toBe(2)
    expect((await call('campaigns.list', { search: 'sale 1%', limit: 50 })).total).toBe(0)

    const completed = await call('campaigns.list', { statuses: ['completed'], limit: 50 })
    expect(completed.campaigns.map((c) => c.id).sort()).toEqual([...done].sort())
    const drafts = await call('campaigns.list', {
      statuses: ['draft'],
      search: 'sale 4',
      limit: 50
    })
    expect(drafts.campaigns.map((c) => c.name)).toEqual(['Spring sale 4'])

    // Each launched campaign's outcome is its summary's (conversions of goal events already in
    // the file are folded into the counters within a second or two); a draft has none.
    const summaries = await Promise.all(
      completed.campaigns.map((c) => call('stats.summary', { campaignId: c.id }))
    )
    await expect
      .poll(async () =>
        (await call('campaigns.list', { statuses: ['completed'], limit: 50 })).campaigns.map(
          (c) => c.outcome?.converted
        )
      )
      .toEqual(summaries.map((s) => s.converted))
    const listed = await call('campaigns.list', { statuses: ['completed'], limit: 50 })
    for (const [i, c] of listed.campaigns.entries()) {
      const s = summaries[i]!
      expect(c.outcome).toEqual({
        sent: s.sent,
        delivered: s.delivered,
        viewed: s.viewed,
        converted: s.converted,
        counting: false
      })
      expect(s.delivered).toBeGreaterThan(0)
    }
    expect(drafts.campaigns[0]!.outcome).toBeUndefined()
  })
})
