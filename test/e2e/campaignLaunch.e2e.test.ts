import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

describe('campaign launch in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('a fresh install composes a Sandbox campaign, launches it and watches it complete', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: 'e2e-token'
    })
    const ui = await session.openUi(serve.ui)
    const { page } = ui
    await expect.poll(() => page.getByTestId('campaigns-empty').isVisible()).toBe(true)
    await page.getByTestId('campaign-new').click()

    await expect
      .poll(() => page.getByTestId('compose-provider').inputValue(), { timeout: 10_000 })
      .not.toBe('')
    expect(
      await page.locator('[data-testid=compose-provider] option:checked').textContent()
    ).toContain('sandbox')
    await page.getByTestId('compose-name').fill('Welcome offer')
    await page.getByTestId('compose-template').fill('welcome_offer')
    await page.getByTestId('compose-param-0').fill('Hi {{name}} from {{city}}')
    await page.locator('#c-limit').fill('40')
    await expect
      .poll(() => page.getByTestId('preview-ready').isVisible(), { timeout: 10_000 })
      .toBe(true)
    const qualified = Number(
      (await page.getByTestId('preview-qualified').textContent())!.replace(/\D/g, '')
    )
    expect(qualified).toBeGreaterThan(1000)
    // The preview follows typing asynchronously: wait for the one built from the final draft.
    await expect
      .poll(() => page.getByTestId('preview-sample').textContent(), { timeout: 10_000 })
      .toMatch(/Hi .+ from .+/)

    await page.getByTestId('compose-launch').click()
    const row = page.locator('[data-testid^=campaign-row-]')
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
    await expect
      .poll(() => row.getAttribute('data-status'), { timeout: 60_000, interval: 250 })
      .toBe('completed')
    expect(await row.getByTestId('campaign-sent').textContent()).toMatch(/^40 \//)
    expect(await row.getByTestId('campaign-progress').textContent()).toMatch(
      /^([\d,]+) \/ \1 processed/
    )
    expect(ui.errors).toEqual([])
  }, 120_000)
})
