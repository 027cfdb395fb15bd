import { afterEach, describe, expect, it } from 'vitest'
import { routes, type Route } from '../../src/shared/ipc/contract'
import { generateDemoCampaign } from '../../src/main/demo/generate'
import { useTempDirs } from '../helpers/tempDir'
import { startTestEngine, type TestEngine } from '../helpers/engine'

/**
 * Contract drift check: every read-only route, called on an engine holding a seeded demo campaign,
 * returns data its declared output schema accepts (the transports never validate outputs, so a
 * drifted handler would otherwise reach clients unnoticed).
 */
describe('route outputs match the contract', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('every read-only route parses through its output schema', async () => {
    t = await startTestEngine(tempDir(), { seedDemo: true })
    const demo = generateDemoCampaign(t.engine.services.demo, { recipients: 600 })
    const campaignId = demo.campaignId
    const providerId = demo.providerId
    const calls: [Route, unknown][] = [
      ['system.info', {}],
      ['data.backups', {}],
      ['contacts.list', {}],
      ['contacts.list', { search: '+91', limit: 5 }],
      ['contacts.properties', {}],
      ['events.summary', {}],
      ['providers.list', {}],
      ['campaigns.list', {}],
      ['campaigns.get', { id: campaignId }],
      ['campaigns.preview', { draft: { providerId, audience: { all: true } } }],
      ['stats.summary', { campaignId }],
      ['stats.trend', { campaignId, granularity: 'day' }],
      ['stats.trend', { campaignId, granularity: 'week', timezone: 'Asia/Kolkata' }],
      ['stats.trend', { campaignId, granularity: 'month' }],
      ['stats.funnel', { campaignId }],
      ['stats.funnel', { campaignId, steps: ['sent', 'converted'] }],
      ['stats.errors', { campaignId, kind: 'dispatch' }],
      ['stats.errors', { campaignId, kind: 'delivery' }],
      ['stats.errorRecipients', { campaignId, kind: 'delivery' }],
      ['stats.errorRecipients', { campaignId, kind: 'dispatch', limit: 3 }],
      ['callbacks.health', {}],
      ['callbacks.health', { providerId }],
      ['callbacks.health', { campaignId }],
      ['callbacks.eventsEndpoint', {}],
      ['tunnel.status', {}],
      ['reports.schedules', {}]
    ]
    const failures: string[] = []
    for (const [route, input] of calls) {
      const result = await t.engine.invoke(route, input)
      if (!result.ok) {
        failures.push(
          `${route} ${JSON.stringify(input)}: ${result.error.code} ${result.error.message}`
        )
        continue
      }
      const parsed = routes[route].output.safeParse(result.data)
      if (!parsed.success)
        failures.push(`${route} ${JSON.stringify(input)}: ${JSON.stringify(parsed.error.issues)}`)
    }
    expect(failures).toEqual([])
  })

  it('write routes with spec §8 outputs parse through their schemas', async () => {
    t = await startTestEngine(tempDir())
    const checks: [Route, unknown][] = [
      ['contacts.import', { csv: 'phone,name\n+14155550100,Ann\nnot-a-phone,Bob\n' }],
      ['events.import', { csv: 'phone,event,time\n+14155550100,purchase,1700000000\n' }],
      ['providers.create', { type: 'sandbox', name: 'S', config: {} }]
    ]
    for (const [route, input] of checks) {
      const result = await t.engine.invoke(route, input)
      expect(result.ok, `${route}: ${JSON.stringify(result)}`).toBe(true)
      if (result.ok) expect(routes[route].output.safeParse(result.data).success).toBe(true)
    }
  })
})
