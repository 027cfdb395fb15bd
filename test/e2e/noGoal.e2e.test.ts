import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { launchToCompletion, serveApi, syncedSandbox } from '../helpers/serveApi'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'no-goal-e2e-token'

describe('a campaign without a conversion goal, in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('says "No goal" wherever a conversion number would be: Converted, the funnel, lift, revenue, ROI, Compare', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const api = serveApi(serve.api, TOKEN)
    const providerId = await syncedSandbox(api)
    const id = await launchToCompletion(api, {
      name: 'No goal here',
      providerId,
      template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
      audience: { all: true },
      controlGroupPercent: 20,
      conversion: null,
      limit: 30,
      ratePerSecond: 100,
      scheduleAt: null
    })
    // The engine says so too: no goal, and nothing computed from conversions is a number.
    const summary = await api('stats.summary', { campaignId: id })
    expect(summary.goal).toBeNull()
    const cost = await api('stats.cost', { campaignId: id })
    expect(cost.roi).toBeNull()
    expect(cost.reasons.roi).toMatch(/No conversion goal/)
    const [row] = (await api('stats.compare', { campaignIds: [id] })).rows
    expect(row!.goal).toBeNull()

    const { page, errors } = await session.openUi(serve.ui)
    await page.getByTestId(`campaign-row-${id}`).locator('button').first().click()
    await expect.poll(() => page.getByTestId('stat-converted').textContent()).toBe('No goal')
    expect(await page.getByTestId('funnel-step-converted').textContent()).toMatch(/No goal$/)
    const conversion = (await page.getByTestId('conversion-panel').textContent())!
    expect(conversion).toMatch(/No conversion goal/)
    expect(conversion).not.toMatch(/pp|×/)
    expect(await page.getByTestId('revenue-incremental').count()).toBe(0)
    await expect.poll(() => page.getByTestId('cost-roi').textContent()).toBe('—')
    const roiLine = page.getByTestId('cost-roi').locator('xpath=..')
    expect(await roiLine.textContent()).toMatch(/No conversion goal/)
    await page.getByTestId('funnel-panel').scrollIntoViewIfNeeded()
    await shootBothThemes(page, 'stats-no-goal')
    // The held-back part of the limit is among the dispatch errors, not a red failure.
    await page.getByTestId('tab-errors').click()
    await expect
      .poll(() => page.getByTestId('held-by-limit').textContent())
      .toBe('held by the limit')

    await page.getByTestId('nav-compare').click()
    await page.getByTestId(`compare-pick-${id}`).check()
    const compareRow = page.getByTestId('compare-row')
    await expect.poll(() => compareRow.count()).toBe(1)
    const cells = await compareRow.locator('td').allTextContents()
    // Lift, verdict, incremental revenue, cost per incremental conversion and ROI.
    expect(cells.filter((c) => c === 'No goal').length).toBe(5)
    expect(cells.join(' ')).not.toMatch(/pp|×/)
    expect(await page.getByTestId('compare-no-goal').textContent()).toMatch(/No goal here/)
    expect(errors).toEqual([])
  }, 90_000)
})
