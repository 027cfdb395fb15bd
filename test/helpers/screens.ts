import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

/**
 * README screenshots, light and dark at 1024x700, written only when TICKBOARD_SCREENSHOT_DIR is
 * set (`TICKBOARD_SCREENSHOT_DIR=docs npx vitest run test/e2e/…`), so `npm test` leaves the
 * tree clean. The viewport is put back afterwards.
 */
export async function shootBothThemes(page: Page, name: string): Promise<void> {
  const dir = process.env.TICKBOARD_SCREENSHOT_DIR
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const before = page.viewportSize()
  await page.setViewportSize({ width: 1024, height: 700 })
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(dir, `${name}-${theme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
  if (before) await page.setViewportSize(before)
}
