import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

describe('Settings → Back up data in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('backs up, lists the backup and stages a restore of it', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: 'e2e-token'
    })
    const ui = await session.openUi(serve.ui)
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
