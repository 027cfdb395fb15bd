import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { shootBothThemes } from '../helpers/screens'
import { serveApi } from '../helpers/serveApi'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'stats-live-e2e-token'

describe('the stats page of a campaign that is sending', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('keeps Pause and Cancel at hand, and says so when the engine cannot be reached', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const api = serveApi(serve.api, TOKEN)
    const sandbox = (await api('providers.list', {})).providers.find((p) => p.type === 'sandbox')!
    await api('templates.sync', { providerId: sandbox.id })
    const { id } = await api('campaigns.create', {
      name: 'Slow send',
      providerId: sandbox.id,
      template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
      audience: { all: true },
      controlGroupPercent: 10,
      limit: null,
      ratePerSecond: 2,
      scheduleAt: null
    })
    await api('campaigns.launch', { id, overrideReadiness: true })

    const ui = await session.openUi(serve.ui)
    const { page } = ui
    await page.goto(`${serve.api}/#/campaigns/${id}`)
    const actions = page.getByTestId('stats-campaign-actions')
    await expect
      .poll(() => actions.locator('button').allTextContents())
      .toEqual(['Pause', 'Cancel'])
    await expect.poll(() => page.getByTestId('stat-qualified').count()).toBe(1)
    await shootBothThemes(page, 'stats-sending')
    await actions.getByTestId('campaign-pause').click()
    await expect
      .poll(() => actions.locator('button').allTextContents())
      .toEqual(['Resume', 'Cancel'])
    expect((await api('campaigns.get', { id })).status).toBe('paused')

    // "Open Callback health" opens this campaign's account on the Providers page, health shown.
    await page.getByTestId('card-delivered').focus()
    await page.getByTestId('callback-health-link-delivered').click()
    expect(new URL(page.url()).hash).toBe(`#/providers/${sandbox.id}`)
    await expect.poll(() => page.getByTestId(`health-${sandbox.id}`).count()).toBe(1)
    expect(
      await page.getByTestId(`provider-health-toggle-${sandbox.id}`).getAttribute('aria-expanded')
    ).toBe('true')
    await shootBothThemes(page, 'providers-health')
    await page.goBack()
    await expect.poll(() => page.getByTestId('stat-qualified').count()).toBe(1)

    // The engine stops: the numbers give way to a notice instead of standing as if current.
    await serve.stop()
    await expect.poll(() => page.getByTestId('stats-unreachable').count()).toBe(1)
    expect(await page.getByTestId('stat-qualified').count()).toBe(0)
    expect(await page.getByTestId('stats-unreachable').textContent()).toMatch(
      /engine cannot be reached since .*no\s+numbers are shown/
    )
  })
})
