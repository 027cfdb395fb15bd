import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RATE_CARD_CSV } from '../main/pricing/costFixture'
import { launchToCompletion, serveApi, syncedSandbox } from '../helpers/serveApi'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'revenue-currency-e2e-token'
const NO_ROI = 'No ROI: revenue in INR, cost in USD'
/** An element as the page sees it (the tests compile without the DOM library). */
type Scrollable = { scrollIntoView(o: { block?: string; inline?: string }): void }

describe('revenue in its currency on the stats page and in Compare, in Chromium', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('a Sandbox campaign with revenue in INR and cost in USD shows revenue in rupees and says why there is no ROI', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const api = serveApi(serve.api, TOKEN)
    const providerId = await syncedSandbox(api)
    // Cost in USD from the rate card; revenue in INR from the campaign's goal.
    await api('pricing.importRateCard', { csv: RATE_CARD_CSV })
    await api('pricing.setAccount', {
      providerId,
      currency: 'USD',
      feePerMessage: 0,
      marketingMessagesApi: false
    })
    const id = await launchToCompletion(api, {
      name: 'Diwali in rupees',
      providerId,
      template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
      audience: { all: true },
      controlGroupPercent: 20,
      conversion: {
        event: 'purchase',
        windowHours: 48,
        revenueProperty: 'revenue',
        currency: 'INR'
      },
      limit: 80,
      ratePerSecond: 100,
      scheduleAt: null
    })
    // The Sandbox's purchases land a few latencies after the sends.
    await expect
      .poll(async () => (await api('stats.summary', { campaignId: id })).revenue.target, {
        timeout: 20_000
      })
      .toBeGreaterThan(0)
    const summary = await api('stats.summary', { campaignId: id })
    expect(summary.goal?.currency).toBe('INR')
    const cost = await api('stats.cost', { campaignId: id })
    expect(cost).toMatchObject({ currency: 'USD', revenueCurrency: 'INR', roi: null })
    expect(cost.reasons.roi).toBe(NO_ROI)

    const { page, errors } = await session.openUi(serve.ui)
    const rupees = (n: number) =>
      page.evaluate(
        (v) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'INR' }).format(v),
        n
      )
    await page.getByTestId(`campaign-row-${id}`).locator('button').first().click()
    // The control group's purchases keep landing for a while (longer on a loaded machine, with
    // pauses of seconds between them) and the page follows them at most once a second: compare
    // it with the engine's number read at the same moment until they agree, which they must once
    // the purchases stop.
    await expect
      .poll(
        async () => {
          const { revenue } = await api('stats.summary', { campaignId: id })
          const shown = await page.getByTestId('revenue-incremental').textContent()
          return shown === (await rupees(revenue.incremental))
        },
        { timeout: 90_000, interval: 250 }
      )
      .toBe(true)
    await expect.poll(() => page.getByTestId('cost-roi').textContent()).toBe(NO_ROI)
    // The screenshot's size first, then the revenue panel, then cost and ROI, into its middle.
    await page.setViewportSize({ width: 1024, height: 700 })
    const centre = (testId: string) =>
      page
        .getByTestId(testId)
        .evaluate((el) => (el as unknown as Scrollable).scrollIntoView({ block: 'center' }))
    await centre('revenue-incremental')
    await shootBothThemes(page, 'stats-revenue-currency')
    await centre('cost-roi')
    await shootBothThemes(page, 'stats-roi-currency')

    await page.getByTestId('nav-compare').click()
    await page.getByTestId(`compare-pick-${id}`).check()
    const compareRow = page.getByTestId('compare-row')
    await expect.poll(() => compareRow.count()).toBe(1)
    const cells = await compareRow.locator('td').allTextContents()
    expect(cells).toContain(NO_ROI)
    expect(cells.join(' ')).toContain('₹')
    // The table scrolls sideways at 1024 px: show its revenue, cost and ROI end.
    await compareRow
      .locator('td')
      .last()
      .evaluate((el) => (el as unknown as Scrollable).scrollIntoView({ inline: 'end' }))
    await shootBothThemes(page, 'compare-revenue-currency')
    expect(errors).toEqual([])
  }, 180_000)
})
