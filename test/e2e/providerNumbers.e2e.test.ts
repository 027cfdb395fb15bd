import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startMetaFake, type MetaFake } from '../fakes/meta'
import { serveApi } from '../helpers/serveApi'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'provider-numbers-e2e'
const DAY = 24 * 3600_000
const CONTACTS = 10

/**
 * The stats page's "The provider's own numbers" panel in Chromium: a Meta campaign whose reports
 * never came, Fetch now asks Meta's template analytics (the fake, documented shape), and the
 * panel shows theirs beside ours with the difference explained.
 */
describe('the provider’s own numbers on the stats page', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()
  let fake: MetaFake | null = null
  afterEach(async () => {
    await fake?.close()
    fake = null
  })

  it('Fetch now shows Meta’s template analytics beside ours, each difference explained', async () => {
    fake = await startMetaFake({
      catalog: {
        pageSize: 10,
        templates: [
          {
            name: 'promo',
            language: 'en',
            status: 'APPROVED',
            category: 'MARKETING',
            components: [{ type: 'BODY', text: 'Hi {{1}}, new offers inside.' }]
          }
        ]
      }
    })
    const today = Math.floor(Date.now() / DAY) * DAY
    fake.analytics.points = [
      {
        // The fake's template list gives the first template the id 1000000.
        template_id: '1000000',
        start: today / 1000,
        end: (today + DAY) / 1000,
        sent: CONTACTS,
        delivered: CONTACTS,
        read: 6,
        clicked: [{ type: 'url_button', button_content: 'See offers', count: 4 }]
      }
    ]
    const serve = await session.serve(
      ['--data-dir', join(tempDir(), 'data'), '--port', '0', '--hooks-port', '0', '--no-demo'],
      { TICKBOARD_API_TOKEN: TOKEN }
    )
    const call = serveApi(serve.api, TOKEN)
    const provider = await call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: fake.account().config as never
    })
    expect((await call('templates.sync', { providerId: provider.id })).error).toBeNull()
    const csv = ['phone,name']
    for (let i = 0; i < CONTACTS; i++) csv.push(`+9198765${String(i).padStart(5, '0')},P${i}`)
    await call('contacts.import', { csv: csv.join('\n') })
    const { id: campaignId } = await call('campaigns.create', {
      name: 'Promo',
      providerId: provider.id,
      template: { name: 'promo', language: 'en', params: ['{{name}}'] },
      audience: { all: true },
      controlGroupPercent: 0
    })
    await call('campaigns.launch', { id: campaignId, overrideReadiness: true })
    await expect
      .poll(async () => (await call('campaigns.get', { id: campaignId })).status, {
        timeout: 30_000
      })
      .toBe('completed')

    const { page } = await session.openUi(serve.ui)
    await page.getByTestId('nav-campaigns').click()
    await page
      .getByTestId(`campaign-row-${campaignId}`)
      .getByRole('button', { name: 'Promo', exact: true })
      .click()
    const panel = page.getByTestId('provider-numbers-panel')
    await expect.poll(() => panel.textContent()).toMatch(/not been fetched yet/)
    // Keyboard only: focus Fetch now and press Enter.
    await page.getByTestId('provider-numbers-fetch').focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByTestId('provider-numbers-status').textContent())
      .toMatch(/Fetched 1 records/)
    const row = page.getByTestId('provider-numbers-day')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.locator('td').first().textContent()).toBe(
      new Date(today).toISOString().slice(0, 10)
    )
    // Ours / theirs: sent agree; no delivery report reached us, Meta says all were delivered.
    expect(await row.getByTestId('rec-sent').textContent()).toBe(`${CONTACTS} / ${CONTACTS}`)
    expect(await row.getByTestId('rec-delivered').textContent()).toBe(`0 / ${CONTACTS}`)
    expect(await row.getByTestId('rec-read').textContent()).toBe('0 / 6')
    expect(await row.getByTestId('provider-numbers-why').textContent()).toMatch(
      new RegExp(`${CONTACTS} of our messages still await a report`)
    )
    // Clicked on the card: the provider's URL-button clicks, this campaign being the only sender.
    await expect.poll(() => page.getByTestId('stat-clicked').textContent()).toBe('4')
  })
})
