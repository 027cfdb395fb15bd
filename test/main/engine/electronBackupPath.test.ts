import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../helpers/tempDir'
import { startTestEngine, type TestEngine } from '../../helpers/engine'

/** In the desktop app the page cannot choose where a backup is written (as for reports.export). */
describe('data.backup in the desktop transport', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('refuses a page-chosen path and still backs up into the backups folder', async () => {
    t = await startTestEngine(tempDir(), { transport: 'electron' })
    const elsewhere = join(tempDir(), 'anywhere.sqlite')
    const refused = await t.engine.invoke('data.backup', { path: elsewhere })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('invalid_input')
    expect(existsSync(elsewhere)).toBe(false)
    const made = await t.call('data.backup', {})
    expect(existsSync(made.path)).toBe(true)
    expect(made.path).toContain('backups')
  })

  it('keeps a chosen path for the automation API', async () => {
    t = await startTestEngine(tempDir())
    const target = join(tempDir(), 'chosen.sqlite')
    const made = await t.call('data.backup', { path: target })
    expect(made.path).toBe(target)
    expect(existsSync(target)).toBe(true)
  })
})
