import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/db/openDb'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { BROAD_COUNT_CAP, NARROW_CONTACTS } from '../../../src/main/stats/drillDown'
import { startTestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

describe('drill-down search reads a bounded number of rows', () => {
  const tempDir = useTempDirs()

  it(`a search matching more than ${NARROW_CONTACTS.toLocaleString('en')} contacts stops counting at ${BROAD_COUNT_CAP.toLocaleString('en')}, its pages in list order`, async () => {
    const dir = tempDir()
    const db = openDb(dir)
    const { campaignId } = generateDemoCampaign(createDemoStore(db), {
      recipients: 30_000,
      seed: 7
    })
    // Every failed row, in the drill-down's order (latest failure first).
    const failed = db
      .prepare<[string], { phone: string; name: string }>(
        `SELECT m.phone, c.name FROM message m JOIN contact c ON c.id = m.contact_id
         WHERE m.campaign_id = ? AND m.dispatch_state = 'sent' AND m.status = 'failed'
         ORDER BY m.failed_at DESC, m.id DESC`
      )
      .all(campaignId)
    db.close()
    expect(failed.length).toBeGreaterThan(BROAD_COUNT_CAP)
    const t = await startTestEngine(dir)
    try {
      const page = (search: string, offset: number) =>
        t.call('stats.errorRecipients', { campaignId, kind: 'delivery', search, offset, limit: 50 })
      // Every demo number starts +9172: 30,000 contacts match, more than a narrow search.
      const broad = await page('+9172', 0)
      expect(broad).toMatchObject({ total: BROAD_COUNT_CAP, totalAtLeast: true })
      expect(broad.rows.map((r) => r.phone)).toEqual(failed.slice(0, 50).map((r) => r.phone))
      const later = await page('+9172', 950)
      expect(later.rows.map((r) => r.phone)).toEqual(failed.slice(950, 1000).map((r) => r.phone))
      // A page past the counted ones is still read (the cap moves with it).
      const deep = await page('+9172', 1200)
      expect(deep.rows.map((r) => r.phone)).toEqual(failed.slice(1200, 1250).map((r) => r.phone))
      // A narrow one (fewer contacts) is counted exactly.
      const patel = failed.filter((r) => r.name === 'Priya Patel')
      const narrow = await page('priya pa', 0)
      expect(narrow.total).toBe(patel.length)
      expect(narrow.totalAtLeast).toBeUndefined()
      expect(narrow.rows.map((r) => r.phone)).toEqual(patel.slice(0, 50).map((r) => r.phone))
    } finally {
      await t.engine.close()
    }
  })
})
