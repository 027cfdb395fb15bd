import { afterEach, expect, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

test('callback tokens are 192-bit hex, so no callback URL has an underscore (360dialog refuses them)', async () => {
  t = (await startTestEngine(tempDir())) as TestEngine
  const tokens = new Set<string>()
  // With base64url about 40% of tokens held an '_'; 40 accounts would all but surely show one.
  for (let i = 0; i < 40; i++) {
    const { callbackPath } = await t.call('providers.create', {
      type: 'sandbox',
      name: `Sandbox ${i}`,
      config: {}
    })
    const token = callbackPath.split('/').pop()!
    expect(callbackPath).not.toContain('_')
    expect(token).toMatch(/^[0-9a-f]{48}$/)
    tokens.add(token)
  }
  expect(tokens.size).toBe(40)
})
