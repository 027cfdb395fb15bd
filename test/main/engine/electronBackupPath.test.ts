import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../helpers/tempDir'
import { startTestEngine, type TestEngine } from '../../helpers/engine'

/** Backups go to the data folder's backups/ only (spec §8): a caller names the file, never a path. */
describe('data.backup takes a name, not a path', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  for (const transport of ['electron', 'http'] as const)
    it(`${transport}: refuses a path and still backs up into the backups folder`, async () => {
      const dataDir = tempDir()
      t = await startTestEngine(dataDir, { transport })
      const elsewhere = join(tempDir(), 'anywhere.sqlite')
      const refused = await t.engine.invoke('data.backup', { path: elsewhere })
      expect(refused.ok || refused.error).toMatchObject({
        code: 'invalid_input',
        message: 'path: not a field of data.backup'
      })
      expect(existsSync(elsewhere)).toBe(false)
      const made = await t.call('data.backup', { name: 'chosen' })
      expect(made.path).toBe(join(dataDir, 'backups', 'chosen.sqlite'))
      expect(existsSync(made.path)).toBe(true)
    })
})
