import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { focused } from '../helpers/keyboard'
import { serveApi } from '../helpers/serveApi'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'launch-e2e-token'

describe('launch confirmation in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  async function start() {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const api = serveApi(serve.api, TOKEN)
    const { providers } = await api('providers.list', {})
    const sandbox = providers.find((p) => p.type === 'sandbox')!
    await api('templates.sync', { providerId: sandbox.id })
    return { serve, api, providerId: sandbox.id }
  }

  it('a draft row offers Edit, Launch…, Duplicate and Delete; Launch… asks first and sends nothing until "Send to N people"', async () => {
    const { serve, api, providerId } = await start()
    const { id } = await api('campaigns.create', {
      name: 'Spring drop',
      providerId,
      template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
      audience: { all: true },
      controlGroupPercent: 10,
      conversion: null,
      limit: 25,
      ratePerSecond: 50,
      scheduleAt: null
    })
    const { page, errors } = await session.openUi(serve.ui)
    const row = page.getByTestId(`campaign-row-${id}`)
    await expect.poll(() => row.getAttribute('data-status')).toBe('draft')
    const buttons = await row.locator('td:last-child button').allTextContents()
    expect(buttons).toEqual(['Edit', 'Launch…', 'Duplicate', 'Delete'])

    // Launch… opens the confirmation with what the launch will do; nothing is sent meanwhile.
    await row.getByTestId('campaign-launch').click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('launch-facts').isVisible()).toBe(true)
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    expect(await dialog.getByTestId('launch-audience').textContent()).toMatch(/^25 people/)
    expect(await dialog.getByTestId('launch-template').textContent()).toMatch(
      /diwali_offer.*\(en\) · marketing/
    )
    expect(await dialog.getByTestId('launch-cost').textContent()).toMatch(/No rate card in USD/)
    expect(await dialog.getByTestId('launch-duration').textContent()).toBe(
      'about 1 s at 50 messages/s'
    )
    const confirm = dialog.getByTestId('launch-confirm')
    expect(await confirm.textContent()).toBe('Send to 25 people')
    await shootBothThemes(page, 'launch-confirm')
    // Focus starts inside, on Cancel; Tab stays inside the dialog.
    expect(await focused(page)).toBe('launch-cancel')
    // Its only focusable elements are Cancel and Send: Tab cycles between them.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe(i % 2 ? 'launch-cancel' : 'launch-confirm')
    }
    await new Promise((r) => setTimeout(r, 500))
    let stored = await api('campaigns.get', { id })
    expect(stored.status).toBe('draft')
    expect(stored.progress).toEqual({ qualified: 0, processed: 0 })
    expect((await api('stats.summary', { campaignId: id })).sent).toBe(0)

    // Escape cancels: still a draft, focus back on the row's Launch….
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await focused(page)).toBe('campaign-launch')
    stored = await api('campaigns.get', { id })
    expect(stored.status).toBe('draft')

    // Confirmed: sent, and the campaign's stats page opens with focus on its title.
    await row.getByTestId('campaign-launch').click()
    await expect.poll(() => confirm.isEnabled()).toBe(true)
    await confirm.click()
    await expect
      .poll(() => page.getByTestId('stats-page').getAttribute('data-campaign-id'))
      .toBe(id)
    await expect.poll(() => focused(page)).toBe('stats-title')
    await expect
      .poll(async () => (await api('campaigns.get', { id })).status, { timeout: 30_000 })
      .toBe('completed')
    expect((await api('campaigns.get', { id })).progress.sent).toBe(25)

    // Duplicate makes a new draft; Delete (after its question) removes only that draft.
    await page.getByTestId('nav-campaigns').click()
    await row.getByTestId('campaign-duplicate').click()
    const copy = page.locator('[data-testid^=campaign-row-][data-status=draft]')
    await expect.poll(() => copy.count()).toBe(1)
    expect(await copy.locator('td').first().textContent()).toMatch(/^Copy of Spring drop/)
    page.once('dialog', (d) => void d.accept())
    await copy.getByTestId('campaign-delete').click()
    await expect.poll(() => copy.count()).toBe(0)
    expect((await api('campaigns.list', {})).campaigns.map((c) => c.id)).toEqual([id])
    expect(errors).toEqual([])
  }, 120_000)
})
