import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/main/db/openDb'
import { generateDemoCampaign } from '../../src/main/demo/generate'
import { createDemoStore } from '../../src/main/db/demoStore'
import { shootBothThemes } from '../helpers/screens'
import { serveApi } from '../helpers/serveApi'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'campaign-list-e2e-token'

describe('the campaign list in Chromium', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('shows delivered, read and converted rates, searches by name and filters by status', async () => {
    const dataDir = join(tempDir(), 'data')
    const db = openDb(dataDir)
    const diwali = generateDemoCampaign(createDemoStore(db), {
      recipients: 600,
      seed: 7,
      name: 'Diwali offer'
    })
    generateDemoCampaign(createDemoStore(db), {
      recipients: 300,
      seed: 8,
      name: 'Spring collection'
    })
    db.close()
    const serve = await session.serve(['--data-dir', dataDir], { TICKBOARD_API_TOKEN: TOKEN })
    const call = serveApi(serve.api, TOKEN)
    const providerId = (await call('providers.list', {})).providers[0]!.id
    await call('campaigns.create', {
      name: 'Monsoon draft',
      providerId,
      template: { name: 'offer', language: 'en', params: [] },
      audience: { all: true },
      controlGroupPercent: 10,
      limit: null,
      ratePerSecond: 100,
      scheduleAt: null
    })
    const ui = await session.openUi(serve.ui)
    const { page } = ui
    const names = () =>
      page.locator('[data-testid^=campaign-row-] td:first-child button').allTextContents()
    await expect.poll(names).toEqual(['Monsoon draft', 'Spring collection', 'Diwali offer'])

    // The rates are the summary's counts over sent, in the browser's locale.
    const s = await call('stats.summary', { campaignId: diwali.campaignId })
    const pct = (n: number) =>
      page.evaluate(
        (v) =>
          new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(
            v
          ),
        n
      )
    const row = page.getByTestId(`campaign-row-${diwali.campaignId}`)
    await expect
      .poll(() => row.getByTestId('campaign-rate-converted').textContent())
      .toBe(await pct(s.converted / s.sent))
    expect(await row.getByTestId('campaign-rate-delivered').textContent()).toBe(
      await pct(s.delivered / s.sent)
    )
    expect(await row.getByTestId('campaign-rate-viewed').textContent()).toBe(
      await pct(s.viewed / s.sent)
    )
    // Processed (attempted) and sent (accepted by the provider) are told apart, in the spec's
    // words and the stats page's: the progress says processed, the next column sent.
    const num = (n: number) => page.evaluate((v) => new Intl.NumberFormat().format(v), n)
    const { progress } = await call('campaigns.get', { id: diwali.campaignId })
    expect(progress.processed).toBeGreaterThan(s.sent)
    expect(await row.getByTestId('campaign-progress').textContent()).toBe(
      `${await num(progress.processed)} of ${await num(progress.qualified)} processed`
    )
    expect(await row.getByTestId('campaign-progress').getAttribute('title')).toMatch(
      /^Processed: attempted/
    )
    expect(await row.getByTestId('campaign-sent').textContent()).toMatch(
      new RegExp(`^${await num(s.sent)} / ${await num(s.qualified)}`)
    )
    expect(await row.getByTestId('campaign-sent').getAttribute('title')).toBe(
      'Sent: accepted by the provider'
    )
    expect(await page.getByTestId('campaigns-table').locator('th').allTextContents()).toEqual(
      expect.arrayContaining(['Progress', 'Sent / qualified'])
    )
    expect(await page.getByTestId('campaigns-table').textContent()).not.toMatch(/\bdone\b/)
    await shootBothThemes(page, 'campaign-list')

    // Search: any part of the name, any case; the status filter narrows further.
    await page.getByTestId('campaign-search').fill('COLLECT')
    await expect.poll(names).toEqual(['Spring collection'])
    await page.getByTestId('campaign-search').fill('')
    await expect.poll(names).toHaveLength(3)
    await page.getByTestId('campaign-status-filter').selectOption('draft')
    await expect.poll(names).toEqual(['Monsoon draft'])
    await page.getByTestId('campaign-search').fill('diwali')
    await expect.poll(() => page.getByTestId('campaigns-none-match').count()).toBe(1)
    await page.getByTestId('campaign-status-filter').selectOption('completed')
    await expect.poll(names).toEqual(['Diwali offer'])
    expect(ui.errors).toEqual([])
  })
})
