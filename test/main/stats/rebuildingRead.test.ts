import { afterEach, describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/db/openDb'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { createStatsRebuild } from '../../../src/main/db/repos/statsCounterRepo'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

describe('a stats read while the counters are being rebuilt', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | undefined
  afterEach(() => t?.engine.close())

  it("answers unavailable at once with the share of the campaign's own messages counted", async () => {
    const dir = tempDir()
    const db = openDb(dir)
    generateDemoCampaign(createDemoStore(db), { recipients: 2000, seed: 3 })
    const { campaignId } = generateDemoCampaign(createDemoStore(db), { recipients: 3000, seed: 4 })
    db.close()
    t = await startTestEngine(dir)
    const rebuild = createStatsRebuild(t.engine.db, 1000)
    // A bulk load left the counters suspended; one page of 1,000 of the 3,000 rows is counted.
    rebuild.suspend(campaignId)
    expect(rebuild.step(campaignId)).toBe(false)
    const read = await t.engine.invoke('stats.summary', { campaignId })
    expect(read).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { rebuilding: 33 } }
    })
    // The read queued the background rebuild: the answer comes once it is done.
    await expect
      .poll(async () => (await t!.engine.invoke('stats.summary', { campaignId })).ok, {
        timeout: 20_000
      })
      .toBe(true)
    expect(await t.call('stats.summary', { campaignId })).toMatchObject({ qualified: 3000 })
  })
})
