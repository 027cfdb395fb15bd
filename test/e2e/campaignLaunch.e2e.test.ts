import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

describe('campaign launch in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('a fresh install picks a Sandbox template, maps it, previews the bubble, launches and sees the template on the stats page', async () => {
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
    await page.getByTestId('compose-name').fill('Diwali offer')
    await page.getByTestId('template-search').fill('diwali')
    await page.getByTestId('template-option-diwali_offer-en').click()
    // {{1}} ← contact name (picked by default), {{2}} ← fixed text.
    expect(await page.getByTestId('map-source-0').inputValue()).toBe('name')
    await page.getByTestId('map-source-1').selectOption('')
    await page.getByTestId('map-text-1').fill('DIWALI20')
    await page.locator('#c-limit').fill('40')

    // The bubble shows a real contact's values: header, body with the name and the code, buttons.
    const bubble = page.getByTestId('wa-bubble').first()
    await expect
      .poll(() => bubble.getByTestId('wa-body').textContent(), { timeout: 10_000 })
      .toMatch(/^Hi (?!\[).+, Diwali is here! .* code DIWALI20 until Sunday\.$/)
    expect(await bubble.getByTestId('wa-header').textContent()).toBe('Diwali sale 🪔')
    expect(await page.getByTestId('wa-bubble').count()).toBe(5)
    await expect
      .poll(() => page.getByTestId('preview-ready').isVisible(), { timeout: 10_000 })
      .toBe(true)
    const dir = process.env.TICKBOARD_SCREENSHOT_DIR ?? join(tempDir(), 'shots')
    mkdirSync(dir, { recursive: true })
    await page.getByTestId('template-picker').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(dir, 'compose-template.png'), fullPage: true })

    await page.getByTestId('compose-launch').click()
    await page.getByTestId('launch-confirm').click()
    await expect.poll(() => page.getByTestId('stats-page').isVisible()).toBe(true)
    await page.getByTestId('nav-campaigns').click()
    const row = page.locator('[data-testid^=campaign-row-]')
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
    await expect
      .poll(() => row.getAttribute('data-status'), { timeout: 60_000, interval: 250 })
      .toBe('completed')
    expect(await row.getByTestId('campaign-sent').textContent()).toMatch(/^40 \//)
    await row.locator('a, button').first().click()
    await expect
      .poll(() => page.getByTestId('stats-template').textContent(), { timeout: 10_000 })
      .toMatch(/Template diwali_offer \(\s*en\) · category marketing/)
    expect(ui.errors).toEqual([])
  }, 120_000)
})
