import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../helpers/demoCampaign'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'session-e2e-token'

describe('the browser UI keeps its session and gives each page an address', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  async function start() {
    const dataDir = join(tempDir(), 'data')
    const campaignId = generateDemo(dataDir, 300)
    const serve = await session.serve(['--data-dir', dataDir, '--no-demo'], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    return { serve, campaignId }
  }

  it('a reload keeps the page and the session; a deep link opens a campaign and Back works', async () => {
    const { serve, campaignId } = await start()
    const ui = await session.openUi(serve.ui)
    const { page } = ui
    const statsOf = () => page.getByTestId('stats-page').getAttribute('data-campaign-id')

    // From the list to the stats: the address names the campaign.
    await page
      .getByTestId(`campaign-row-${campaignId}`)
      .getByRole('button', { name: /demo/i })
      .first()
      .click()
    await expect.poll(statsOf).toBe(campaignId)
    expect(new URL(page.url()).hash).toBe(`#/campaigns/${campaignId}`)
    expect(page.url()).not.toContain(TOKEN)

    // A reload: same page, still signed in, no error above an empty list.
    await page.reload()
    await expect.poll(statsOf).toBe(campaignId)
    expect(await page.getByTestId('sign-in').count()).toBe(0)

    // Back returns to the list, Forward to the stats.
    await page.goBack()
    await expect.poll(() => page.getByTestId(`campaign-row-${campaignId}`).count()).toBe(1)
    await page.goForward()
    await expect.poll(statsOf).toBe(campaignId)

    // A bookmarked address opens its page directly, and Back leaves it for the page before.
    await page.getByTestId('nav-compare').click()
    await expect.poll(() => page.getByTestId('compare-page').count()).toBe(1)
    expect(new URL(page.url()).hash).toBe('#/compare')
    await page.goto(`${serve.api}/#/campaigns/${encodeURIComponent(campaignId)}`)
    await expect.poll(statsOf).toBe(campaignId)
    await page.goBack()
    await expect.poll(() => page.getByTestId('compare-page').count()).toBe(1)
    expect(ui.errors).toEqual([])

    // The same link in a new tab (no session there) asks for the token, then opens the campaign.
    const tab = await ui.context.newPage()
    await tab.goto(`${serve.api}/#/campaigns/${encodeURIComponent(campaignId)}`)
    await expect.poll(() => tab.getByTestId('sign-in').count()).toBe(1)
    await tab.getByTestId('sign-in-token').fill(TOKEN)
    await tab.getByTestId('sign-in-token').press('Enter')
    await expect
      .poll(() => tab.getByTestId('stats-page').getAttribute('data-campaign-id'))
      .toBe(campaignId)
  })

  it('a wrong token shows the sign-in screen, stops asking for events, and a right one signs in', async () => {
    const { serve, campaignId } = await start()
    const ui = await session.openUi(`${serve.api}/#token=not-the-token`)
    const { page } = ui
    await expect.poll(() => page.getByTestId('sign-in').count()).toBe(1)
    expect(await page.getByTestId('sign-in-reason').textContent()).toMatch(/did not accept/)
    expect(await page.getByTestId('campaigns-empty').count()).toBe(0)
    await shootBothThemes(page, 'sign-in')

    // The event stream stops after the refusal instead of asking every second.
    let eventCalls = 0
    page.on('request', (r) => {
      if (r.url().endsWith('/api/events')) eventCalls++
    })
    await page.waitForTimeout(3000)
    expect(eventCalls).toBe(0)

    // A wrong token typed in is refused with a reason; the right one opens the list.
    await page.getByTestId('sign-in-token').fill('still-wrong')
    await page.getByTestId('sign-in-submit').click()
    await expect
      .poll(() => page.getByTestId('sign-in-reason').textContent())
      .toMatch(/not accepted/)
    await page.getByTestId('sign-in-token').fill(TOKEN)
    await page.getByTestId('sign-in-submit').click()
    await expect.poll(() => page.getByTestId(`campaign-row-${campaignId}`).count()).toBe(1)
    // Signed in again, live updates come back.
    await expect.poll(() => eventCalls).toBeGreaterThan(0)
  })

  it('shows who is signed in; Sign out forgets the token, closes the event stream, and a reload asks again', async () => {
    const { serve, campaignId } = await start()
    const ui = await session.openUi(serve.ui)
    const { page } = ui
    await expect.poll(() => page.getByTestId(`campaign-row-${campaignId}`).count()).toBe(1)
    expect(await page.getByTestId('signed-in-role').textContent()).toBe('admin')
    expect(await page.getByTestId('signed-in-name').textContent()).not.toBe('')
    await shootBothThemes(page, 'signed-in')

    // The open event stream ends with the sign-out, and no new one is asked for.
    let eventCalls = 0
    page.on('request', (r) => {
      if (r.url().endsWith('/api/events')) eventCalls++
    })
    const streamEnded = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/events'))
    await page.getByTestId('sign-out').click()
    await expect.poll(() => page.getByTestId('sign-in').count()).toBe(1)
    expect(await page.getByTestId('sign-in-reason').textContent()).toMatch(/You signed out/)
    await streamEnded
    await page.waitForTimeout(2500)
    expect(eventCalls).toBe(0)

    // The token is gone from the tab: a reload shows the sign-in screen, not the list.
    await page.reload()
    await expect.poll(() => page.getByTestId('sign-in').count()).toBe(1)
    expect(await page.getByTestId(`campaign-row-${campaignId}`).count()).toBe(0)
    const stored = () =>
      (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length
    expect(await page.evaluate(stored)).toBe(0)
  })
})
