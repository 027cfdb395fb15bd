import { describe, expect, it } from 'vitest'
import { generateDemo } from '../helpers/demoCampaign'
import { serveApi } from '../helpers/serveApi'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'compare-e2e-token'

describe('Compare page in Chromium', { timeout: 240_000 }, () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('opens two generated campaigns side by side; the table shows stats.compare', async () => {
    const dataDir = tempDir()
    const ids = [3000, 5000].map((n) => generateDemo(dataDir, n))
    const serve = await session.serve(
      ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo'],
      { TICKBOARD_API_TOKEN: TOKEN }
    )
    const call = serveApi(serve.api, TOKEN)
    await call('pricing.importRateCard', {
      csv: 'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\nIndia,USD,0.0107,0.0014,0.0014,0.028,0\nNorth America,USD,0.025,0.0034,0.0034,,0\nOther,USD,0.0604,0.0077,0.0077,,0'
    })
    const { rows } = await call('stats.compare', { campaignIds: ids })

    const { page } = await session.openUi(serve.ui)
    await page.getByTestId('nav-compare').click()
    for (const id of ids) await page.getByTestId(`compare-pick-${id}`).check()
    await expect.poll(() => page.getByTestId('compare-row').count()).toBe(2)
    await page.getByTestId('compare-sort-name').click() // sorted by name, descending
    const fmt = (n: number): Promise<string> =>
      page.evaluate((v) => new Intl.NumberFormat().format(v), n)
    const pct = (n: number): Promise<string> =>
      page.evaluate(
        (v) =>
          new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(
            v
          ),
        n
      )
    const expected = [...rows].sort((a, b) => b.name.localeCompare(a.name))
    const shown = page.getByTestId('compare-row')
    for (const [i, row] of expected.entries()) {
      const tr = shown.nth(i)
      await expect.poll(() => tr.getAttribute('data-campaign-id')).toBe(row.campaignId)
      const cell = (col: string) => tr.locator(`td[data-col="${col}"]`).innerText()
      expect(await cell('name')).toBe(row.name)
      expect(await cell('qualified')).toBe(await fmt(row.qualified))
      expect(await cell('sent')).toBe(await fmt(row.sent))
      expect(await cell('deliveredRate')).toBe(await pct(row.deliveredRate!))
      expect(await cell('viewedRate')).toBe(await pct(row.viewedRate!))
      expect(await cell('repliedRate')).toBe(await pct(row.repliedRate!))
      // Sandbox demo campaigns are not Marketing Messages API sends: no clicked rate.
      expect(row.clickedRate).toBeNull()
      expect(await cell('clickedRate')).toBe('—')
      // The Sandbox reports no prices: the cost is an estimate and says so.
      expect(row.estimated).toBe(true)
      expect(row.cost).toBeGreaterThan(0)
      expect(await cell('cost')).toMatch(/\(est\.\)$/)
      expect(await cell('lift')).toContain(
        await page.evaluate(
          (v) =>
            new Intl.NumberFormat(undefined, {
              maximumFractionDigits: 2,
              signDisplay: 'exceptZero'
            }).format(v * 100),
          row.lift
        )
      )
    }
    await expect.poll(() => page.getByTestId('compare-lift-bar').count()).toBe(2)
  })
})
