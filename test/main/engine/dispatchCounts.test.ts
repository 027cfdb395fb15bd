import { afterEach, describe, expect, it } from 'vitest'
import { createCampaignRepo } from '../../../src/main/db/repos/campaignRepo'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { rebuildCampaignStats } from '../../../src/main/db/repos/statsCounterRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { startTestEngine, type TestEngine } from '../../helpers/engine'

/**
 * Campaign progress (campaigns.get/list, the dispatcher's drain check) reads the trigger-kept
 * `ds:<state>` counters instead of scanning the campaign's messages; they must equal the scan.
 */
describe('dispatch counts from counters', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  function scan(campaignId: string): Record<string, number> {
    const out: Record<string, number> = {
      control: 0,
      queued: 0,
      in_flight: 0,
      sent: 0,
      error: 0,
      unknown: 0
    }
    const rows = t!.engine.db
      .prepare<[string], { state: string; n: number }>(
        'SELECT dispatch_state AS state, COUNT(*) AS n FROM message WHERE campaign_id = ? GROUP BY 1'
      )
      .all(campaignId)
    for (const r of rows) out[r.state] = r.n
    return out
  }

  it('equal a scan of the messages for a dispatched, a bulk-loaded and a rebuilt campaign', async () => {
    t = await startTestEngine(tempDir(), { seedDemo: true })
    const repo = createCampaignRepo(t.engine.db)
    const { providers } = await t.call('providers.list', {})
    const { id } = await t.call('campaigns.create', {
      name: 'Counts',
      providerId: providers[0]!.id,
      template: { name: 'hello_world', language: 'en_US', params: [] },
      audience: { all: true },
      controlGroupPercent: 10,
      conversion: { event: 'purchase', windowHours: 48 },
      limit: 25,
      ratePerSecond: 200,
      scheduleAt: null
    })
    await t.call('campaigns.launch', { id })
    let view = await t.call('campaigns.get', { id })
    for (let i = 0; i < 200 && (view.status === 'running' || view.status === 'qualifying'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      view = await t.call('campaigns.get', { id })
    }
    expect(view.status).toBe('completed')
    const dispatched = scan(id)
    expect(dispatched.sent).toBe(25)
    expect(repo.counts(id)).toEqual(dispatched)
    expect(view.progress.processed).toBe(view.progress.qualified)

    const demo = generateDemoCampaign(t.engine.services.demo, { recipients: 400 })
    expect(repo.counts(demo.campaignId)).toEqual(scan(demo.campaignId))
    rebuildCampaignStats(t.engine.db, demo.campaignId)
    expect(repo.counts(demo.campaignId)).toEqual(scan(demo.campaignId))
    const demoView = await t.call('campaigns.get', { id: demo.campaignId })
    expect(demoView.progress.processed).toBe(demoView.progress.qualified)
  })
})
