import type { Page } from 'playwright-core'

/** The focused element's data-testid (tests compile without the DOM library). */
export const focused = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: unknown } }).document
    const el = doc.activeElement as { getAttribute(name: string): string | null } | null
    return el?.getAttribute('data-testid') ?? null
  })

/** Presses Tab (at most `max` times) until the element with this test id has focus. */
export async function tabTo(page: Page, testId: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === testId) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${testId}`)
}
