import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/db/openDb'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { createStatsRebuild } from '../../../src/main/db/repos/statsCounterRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { snapshot } from './fixture'

describe('paged stats rebuild', () => {
  const tempDir = useTempDirs()

  it("counts a campaign from its own first message, not through other campaigns' rows", () => {
    const db = openDb(tempDir())
    generateDemoCampaign(createDemoStore(db), { recipients: 2000, seed: 3 })
    const { campaignId } = generateDemoCampaign(createDemoStore(db), { recipients: 300, seed: 4 })
    const counted = snapshot(db, campaignId)
    const [first, last] = db
      .prepare('SELECT MIN(id), MAX(id) FROM message WHERE campaign_id = ?')
      .raw()
      .get(campaignId) as [number, number]
    expect(first).toBeGreaterThan(2000)

    const rebuild = createStatsRebuild(db, 100)
    rebuild.suspend(campaignId)
    expect(rebuild.progress(campaignId)).toEqual({ counted: first - 1, lastMessageId: last })
    let pages = 1
    while (!rebuild.step(campaignId)) pages++
    // 300 rows in pages of 100 rowids: 3 pages, not the 23 from rowid 0.
    expect(pages).toBe(3)
    expect(snapshot(db, campaignId)).toEqual(counted)
    db.close()
  })

  it('counts a campaign suspended before it has messages from the rows written after', () => {
    const db = openDb(tempDir())
    const other = generateDemoCampaign(createDemoStore(db), { recipients: 500, seed: 5 })
    const rebuild = createStatsRebuild(db, 100)
    rebuild.suspend(other.campaignId)
    while (!rebuild.step(other.campaignId));
    const empty = 'campaign-without-messages'
    db.prepare(
      `INSERT INTO campaign (id, name, provider_id, draft, status, created_at, updated_at)
       VALUES (?, 'Empty', ?, '{}', 'draft', 0, 0)`
    ).run(empty, other.providerId)
    rebuild.suspend(empty)
    expect(rebuild.progress(empty)).toEqual({ counted: 500, lastMessageId: 500 })
    expect(rebuild.step(empty)).toBe(true)
    expect(rebuild.progress(empty)).toBeNull()
    db.close()
  })
})
