import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../helpers/tempDir'
import { startTestEngine, type TestEngine } from '../../helpers/engine'

/** callbacks.health for an id that does not exist answers not_found, not an all-zero scope. */
describe('callbacks.health scope', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('refuses unknown campaign and provider ids and answers for known ones', async () => {
    t = await startTestEngine(tempDir(), { seedDemo: true })
    for (const input of [{ campaignId: 'no-such-campaign' }, { providerId: 'no-such-provider' }]) {
      const result = await t.engine.invoke('callbacks.health', input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('not_found')
    }
    const { providers } = await t.call('providers.list', {})
    const health = await t.call('callbacks.health', { providerId: providers[0]!.id })
    expect(health.received).toBe(0)
  })
})
