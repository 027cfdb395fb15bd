import { afterEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../../src/shared/ipc/contract'
import { useTempDirs } from '../../helpers/tempDir'
import { startTestEngine, type TestEngine } from '../../helpers/engine'

/**
 * A transport's event listener that throws (a closed window, a broken stream) must not escape the
 * dispatch loop's timer (which would crash `serve`) nor starve the other listeners.
 */
describe('engine event bus', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('keeps dispatching and delivering events when one listener throws', async () => {
    const logged: string[] = []
    t = await startTestEngine(tempDir(), {
      seedDemo: true,
      log: (message) => void logged.push(message)
    })
    t.engine.subscribe(() => {
      throw new Error('listener broke')
    })
    const seen: EventName[] = []
    t.engine.subscribe((name) => void seen.push(name))
    const { providers } = await t.call('providers.list', {})
    const { id } = await t.call('campaigns.create', {
      name: 'Listener isolation',
      providerId: providers[0]!.id,
      template: { name: 'hello_world', language: 'en_US', params: [] },
      audience: { all: true },
      controlGroupPercent: 10,
      conversion: { event: 'purchase', windowHours: 48 },
      limit: 20,
      ratePerSecond: 200,
      scheduleAt: null
    })
    await t.call('campaigns.launch', { id })
    let status = 'running'
    for (let i = 0; i < 200 && (status === 'running' || status === 'qualifying'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      status = (await t.call('campaigns.get', { id })).status
    }
    expect(status).toBe('completed')
    const summary = await t.call('stats.summary', { campaignId: id })
    expect(summary.sent).toBe(20)
    expect(seen).toContain('campaign.progress')
    expect(logged).toContain('an event listener failed')
  })
})
