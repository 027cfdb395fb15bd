import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openUi, type OpenBrowser } from '../helpers/browser'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

describe('Settings → Back up data in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  let ui: OpenBrowser | null = null
  afterEach(async () => {
    await ui?.close()
    await serve?.stop()
    ui = null
    serve = null
  })

  it('backs up, lists the backup and stages a restore of it', async () => {
    serve = await startServe(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: 'e2e-token'
    })
    ui = await openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('backup-now').click()
    await expect
      .poll(() => page.getByTestId('backup-notice').textContent(), { timeout: 15_000 })
      .toMatch(/^Backed up .* to .*backups.*tickboard-.*\.sqlite$/)
    await expect.poll(() => page.locator('[data-testid=backup-list] tr').count()).toBe(1)

    page.once('dialog', (dialog) => void dialog.accept())
    await page.locator('[data-testid=backup-list] button').click()
    await expect
      .poll(() => page.getByTestId('backup-notice').textContent(), { timeout: 15_000 })
      .toMatch(/checked and staged.*Restart/)
    expect(ui.errors).toEqual([])
  })
})
