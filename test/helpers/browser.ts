import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

import { CHROMIUM_FIX, CHROMIUM_FLAGS, findChromium } from '../../src/main/system/systemTools.mjs'

export { CHROMIUM_FLAGS }

/** The Chromium found the one way the pretest step and the PDF printer find it. */
export const CHROMIUM_PATH: string = chromiumOrFail()

function chromiumOrFail(): string {
  const found = findChromium(process.env)
  if (!found) throw new Error(`No Chromium for the end-to-end tests: ${CHROMIUM_FIX}`)
  return found
}

export interface OpenBrowser {
  context: BrowserContext
  page: Page
  /** Console errors and page errors seen so far: an e2e test should expect none. */
  errors: string[]
  close(): Promise<void>
}

/** Opens the real renderer served by `serve` (its `ui:` address, already signed in). */
export async function openUi(
  uiUrl: string,
  viewport = { width: 1360, height: 900 }
): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'tickboard-chromium-'))
  // A persistent context is Playwright's way of giving Chromium a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  await page.goto(uiUrl)
  return {
    context,
    page,
    errors,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}
