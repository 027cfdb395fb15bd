import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../helpers/demoCampaign'
import { serveApi } from '../helpers/serveApi'
import { postSandboxSigned } from '../helpers/signedPost'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'opt-out-e2e-token'

/** Meta's user_preferences webhook (marketing messages stop), as Meta posts it. */
function stopBody(phone: string, at: number): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'user_preferences',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: 'sandbox' },
              contacts: [{ wa_id: phone.slice(1), profile: { name: 'User' } }],
              user_preferences: [
                {
                  wa_id: phone.slice(1),
                  detail: 'User requested to stop marketing messages',
                  category: 'marketing_messages',
                  value: 'stop',
                  timestamp: String(Math.floor(at / 1000))
                }
              ]
            }
          }
        ]
      }
    ]
  })
}

describe('marketing opt-outs in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('shows the Opted out card of a campaign and the excluded count in the next Review', async () => {
    const dataDir = join(tempDir(), 'data')
    const campaignId = generateDemo(dataDir, 300)
    const file = new Database(join(dataDir, 'tickboard.sqlite'), { readonly: true })
    const phones = (
      file
        .prepare(
          'SELECT phone FROM message WHERE campaign_id = ? AND sent_at IS NOT NULL ORDER BY seq LIMIT 2'
        )
        .all(campaignId) as { phone: string }[]
    ).map((r) => r.phone)
    file.close()
    expect(phones).toHaveLength(2)

    const serve = await session.serve(
      ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo'],
      { TICKBOARD_API_TOKEN: TOKEN }
    )
    const call = serveApi(serve.api, TOKEN)
    // Two recipients stop marketing messages in WhatsApp, after the campaign's message. The
    // Sandbox signs Meta-format callbacks with its callback token as the app secret.
    const { providers } = await call('providers.list', {})
    const sandbox = providers.find((p) => p.type === 'sandbox')!
    for (const phone of phones)
      expect(
        await postSandboxSigned(serve.hooks, sandbox.callbackPath, stopBody(phone, Date.now()))
      ).toBe(200)
    await expect
      .poll(async () => (await call('stats.summary', { campaignId })).optedOut, { timeout: 10_000 })
      .toBe(2)

    const ui = await session.openUi(serve.ui)
    const { page } = ui
    const campaign = await call('campaigns.get', { id: campaignId })
    await page.getByTestId('nav-campaigns').click()
    await page
      .getByTestId(`campaign-row-${campaignId}`)
      .getByRole('button', { name: campaign.name, exact: true })
      .click()
    await expect.poll(() => page.getByTestId('stat-optedOut').textContent()).toBe('2')
    // The card carries its definition.
    await page.getByTestId('card-optedOut').focus()
    expect(await page.getByTestId('tip-optedOut').textContent()).toMatch(/stopped marketing/)

    // A new campaign's Review says how many audience members are left out and why.
    await page.getByTestId('nav-campaigns').click()
    await page.getByTestId('campaign-new').click()
    await expect
      .poll(() => page.getByTestId('preview-opted-out').textContent(), { timeout: 10_000 })
      .toMatch(/^2 audience members are left out: they stopped marketing messages/)
    const preview = await call('campaigns.preview', {
      draft: { providerId: sandbox.id, audience: { all: true } }
    })
    expect(preview.excludedOptedOut).toBe(2)
    expect(ui.errors).toEqual([])
  }, 180_000)
})
