import { describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/db/openDb'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import {
  createConversionRepo,
  createStatsRebuild,
  rebuildCampaignStats
} from '../../../src/main/db/repos/statsCounterRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { snapshot } from '../stats/fixture'

/**
 * The campaign's counters as the generator left them equal a rebuild through the views, once the
 * conversions marked dirty are recomputed (as a stats read does first): goal events another load
 * wrote later for the same contacts, and rows the triggers counted, wait in that queue.
 */
function expectCountedAsRebuilt(db: Db, campaignId: string): void {
  const conversions = createConversionRepo(db)
  while (conversions.applyChunk(campaignId, 10_000) > 0);
  const counted = snapshot(db, campaignId)
  expect(counted.counters).toContainEqual({ key: 'qualified', n: expect.any(Number) })
  rebuildCampaignStats(db, campaignId)
  expect(snapshot(db, campaignId)).toEqual(counted)
}

describe('the demo generator counts each transaction as it writes it', () => {
  const tempDir = useTempDirs()

  it('every committed transaction is counted: counters through the last row, equal to a rebuild', () => {
    const db = openDb(tempDir())
    const countedThrough = db.prepare(
      'SELECT counted_through FROM stats_suspended WHERE campaign_id = ?'
    )
    const lastId = db.prepare('SELECT MAX(id) FROM message')
    const qualified = db.prepare(
      "SELECT n FROM stats_counter WHERE campaign_id = ? AND key = 'qualified'"
    )
    const seen: number[] = []
    let campaignId = ''
    // 1,730 rows of 700 a transaction: partial 50-row statements at every transaction's end.
    const made = generateDemoCampaign(createDemoStore(db), {
      recipients: 1730,
      seed: 21,
      rowsPerTransaction: 700,
      onProgress(done) {
        campaignId ||= db.prepare('SELECT id FROM campaign').pluck().get() as string
        expect(countedThrough.pluck().get(campaignId)).toBe(lastId.pluck().get())
        seen.push(qualified.pluck().get(campaignId) as number)
        expect(seen.at(-1)).toBe(done)
      }
    })
    expect(seen).toEqual([700, 1400, 1730])
    expect(made.campaignId).toBe(campaignId)
    expect(db.prepare('SELECT COUNT(*) FROM stats_suspended').pluck().get()).toBe(0)
    expectCountedAsRebuilt(db, campaignId)
    db.close()
  })

  it('a transaction of more rows than a rebuild page counts its conversions page by page', () => {
    const db = openDb(tempDir())
    // One transaction (the default is 200,000 rows), three pages of 10,000 rowids.
    const made = generateDemoCampaign(createDemoStore(db), { recipients: 23_456, seed: 13 })
    expect(db.prepare('SELECT COUNT(*) FROM message_conversion').pluck().get()).toBeGreaterThan(
      3000
    )
    expectCountedAsRebuilt(db, made.campaignId)
    db.close()
  })

  it('rows another load writes between its transactions (interleaved rowids) are counted, not missed', () => {
    const db = openDb(tempDir())
    const store = createDemoStore(db)
    const others: string[] = []
    const made = generateDemoCampaign(store, {
      recipients: 2000,
      seed: 8,
      rowsPerTransaction: 900,
      onProgress(done, total) {
        // Another campaign's rows land between two transactions of this one (the message rowids
        // of the next transaction no longer follow the counted ones).
        if (done < total)
          others.push(generateDemoCampaign(store, { recipients: 130, seed: done }).campaignId)
      }
    })
    expect(others).toHaveLength(2)
    for (const id of [made.campaignId, ...others]) expectCountedAsRebuilt(db, id)
    db.close()
  })

  it('a campaign an engine beside it finished rebuilding is counted by the triggers from then on', () => {
    const db = openDb(tempDir())
    // Stands in for the engine's background rebuild on its own connection.
    const engineSide = openDb(db.name.replace(/\/tickboard\.sqlite$/, ''))
    const rebuild = createStatsRebuild(engineSide)
    const made = generateDemoCampaign(createDemoStore(db), {
      recipients: 1500,
      seed: 5,
      rowsPerTransaction: 600,
      onProgress(done) {
        const id = engineSide.prepare('SELECT id FROM campaign').pluck().get() as string
        // After the first transaction: nothing left to count, so the rebuild resumes the
        // triggers, which count the next transactions' rows as they are written.
        if (done === 600) expect(rebuild.step(id)).toBe(true)
        expect(rebuild.progress(id)).toBeNull()
      }
    })
    engineSide.close()
    expectCountedAsRebuilt(db, made.campaignId)
    db.close()
  })
})
