import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { focused, tabTo } from '../helpers/keyboard'
import { serveApi } from '../helpers/serveApi'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'keyboard-e2e-token'

/**
 * Whether a row's children share one line (each one's vertical extent overlaps every other's:
 * a wrapped child starts below the others' bottom) and none pokes out past the right edge of the
 * form that holds the row (a row that does not wrap may instead widen its grid column).
 */
async function oneLine(
  row: Locator
): Promise<{ sharedLine: boolean; overflows: boolean; detail: string }> {
  type Box = { top: number; bottom: number; right: number }
  type El = { getBoundingClientRect(): Box; children: ArrayLike<El>; parentElement: El }
  const [box, ...kids] = await row.evaluate((el) => {
    const root = el as unknown as El
    return [root.parentElement, ...Array.from(root.children)].map((e) => {
      const r = e.getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, right: r.right }
    })
  })
  const lowestTop = Math.max(...kids.map((k) => k.top))
  const highestBottom = Math.min(...kids.map((k) => k.bottom))
  const rightmost = Math.max(...kids.map((k) => k.right))
  return {
    sharedLine: lowestTop < highestBottom,
    overflows: rightmost > box!.right + 0.5,
    detail: JSON.stringify({ form: box, kids })
  }
}

describe('compose with the keyboard only, in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('picks a template with arrows and Enter (values mapped to contact properties, not example text), launches through the confirmation, nothing sent before it', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const api = serveApi(serve.api, TOKEN)
    const { page, errors } = await session.openUi(serve.ui)
    const k = page.keyboard
    await expect.poll(() => page.getByTestId('campaign-new').isVisible()).toBe(true)
    await tabTo(page, 'campaign-new')
    await k.press('Enter')
    await expect.poll(() => page.getByTestId('compose-provider').inputValue()).not.toBe('')

    await tabTo(page, 'compose-name')
    await k.type('Spring by keyboard')
    await tabTo(page, 'template-search')
    await k.type('spring')
    await expect
      .poll(() => page.locator('[data-testid^=template-option-]').count(), { timeout: 10_000 })
      .toBe(1)
    await k.press('ArrowDown')
    expect(await focused(page)).toBe('template-list')
    await k.press('Enter')
    expect(
      await page.getByTestId('template-option-spring_collection-en').getAttribute('aria-selected')
    ).toBe('true')

    // {{1}} is the contact's name and {{2}} (example "Pune") the contact's city: suggested
    // from the contacts, never the example as fixed text.
    const source = (key: string) => page.getByLabel(`Source of ${key}`).inputValue()
    await expect.poll(() => source('body.2')).toBe('city')
    expect(await source('body.1')).toBe('name')
    expect(await page.getByLabel('Fallback of body.2').inputValue()).toBe('')
    // The image header and the URL suffix have no contact property: typed as fixed text.
    await page.getByLabel('Text of header.media').focus()
    await k.type('https://cdn.example.com/spring.jpg')
    await tabTo(page, 'map-text-3')
    await k.type('spring')
    const review = page.getByTestId('mapping-review')
    expect(await review.getByTestId('mapping-review-body.2').textContent()).toMatch(
      /body \{\{2\}\} ← contact city$/
    )
    expect(await review.locator('[data-fixed=true]').count()).toBe(2)
    await expect
      .poll(() => page.getByTestId('preview-ready').isVisible(), { timeout: 10_000 })
      .toBe(true)
    await page.getByTestId('template-picker').scrollIntoViewIfNeeded()
    await shootBothThemes(page, 'compose-template')

    // Launch… saves the draft and asks; nothing is sent until "Send to N people".
    await tabTo(page, 'compose-launch')
    await k.press('Enter')
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('launch-facts').isVisible()).toBe(true)
    expect(await focused(page)).toBe('launch-cancel')
    const [draft] = (await api('campaigns.list', {})).campaigns
    expect(draft).toMatchObject({ name: 'Spring by keyboard', status: 'draft' })
    expect(draft!.progress).toEqual({ qualified: 0, processed: 0 })
    expect(draft!.draft!.template.params).toEqual(['{{name}}', '{{city}}'])
    await k.press('Tab')
    expect(await focused(page)).toBe('launch-confirm')
    expect(await dialog.getByTestId('launch-confirm').textContent()).toMatch(
      /^Send to [\d,]+ people$/
    )
    await k.press('Enter')
    await expect.poll(() => focused(page)).toBe('stats-title')
    await expect
      .poll(async () => (await api('campaigns.get', { id: draft!.id })).status)
      .not.toBe('draft')
    expect(errors).toEqual([])
  }, 120_000)

  it('a template that is not APPROVED is greyed with its reason and cannot be picked, by mouse or keyboard', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const { page, errors } = await session.openUi(serve.ui)
    await page.getByTestId('campaign-new').click()
    await expect.poll(() => page.getByTestId('compose-provider').inputValue()).not.toBe('')
    await page.getByTestId('template-filter-status').selectOption('not approved')
    const options = page.locator('[data-testid^=template-option-]')
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(3)
    const rejected = page.getByTestId('template-option-flash_sale_now-en')
    expect(await rejected.getAttribute('aria-disabled')).toBe('true')
    expect(await rejected.getByTestId('template-reason').textContent()).toMatch(
      /^REJECTED: .*PROMOTIONAL.*Only an APPROVED template can be sent\.$/
    )
    // aria-disabled: Playwright would wait for it to be enabled; click it as a user still can.
    await rejected.click({ force: true })
    expect(await rejected.getAttribute('aria-selected')).toBe('false')
    await page.getByTestId('template-list').focus()
    for (const key of ['Home', 'Enter', 'ArrowDown', 'Enter', 'ArrowDown', 'Enter'])
      await page.keyboard.press(key)
    expect(await page.locator('[role=option][aria-selected=true]').count()).toBe(0)
    expect(await page.getByText('Pick a template.').isVisible()).toBe(true)

    // Filters narrow by quality and category too.
    await page.getByTestId('template-filter-status').selectOption('')
    await page.getByTestId('template-filter-category').selectOption('utility')
    await expect.poll(() => options.count()).toBeGreaterThan(0)
    for (const text of await options.allTextContents()) expect(text).toContain('utility')
    await page.getByTestId('template-filter-category').selectOption('')
    await page.getByTestId('template-filter-quality').selectOption('RED')
    await expect.poll(() => options.count()).toBe(1)
    expect(await options.first().getAttribute('data-testid')).toBe(
      'template-option-winback_reminder-en'
    )

    // At 1024 px the audience filter row (property, condition, value, remove) is one line, and
    // so is the goal row (event, window, revenue property, currency); it says that values match
    // whatever their case.
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.getByTestId('compose-audience-filter').check()
    await page.getByTestId('compose-goal').check()
    const row = page.getByTestId('audience-filter-row').first()
    const goalRow = page.getByTestId('compose-goal-row')
    expect(await row.locator(':scope > *').count()).toBe(4)
    expect(await goalRow.locator('input, select').count()).toBe(5)
    for (const shown of [row, goalRow]) {
      const line = await oneLine(shown)
      expect(line, `${await shown.getAttribute('data-testid')}: ${line.detail}`).toMatchObject({
        sharedLine: true,
        overflows: false
      })
    }
    await row.scrollIntoViewIfNeeded()
    await shootBothThemes(page, 'compose-audience-goal')
    expect(await page.getByTestId('audience-case-note').textContent()).toMatch(
      /whatever their case/
    )
    expect(errors).toEqual([])
  }, 60_000)
})
