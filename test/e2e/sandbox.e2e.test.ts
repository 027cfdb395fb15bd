import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../helpers/demoCampaign'
import { serveApi } from '../helpers/serveApi'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'sandbox-e2e-token'

describe('the built-in Sandbox account', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('is one account after `demo` then `serve`, and its Test callback passes', async () => {
    const dataDir = join(tempDir(), 'data')
    const campaignId = generateDemo(dataDir, 200)
    // serve's first run seeds its demo contacts, and must find the demo's Sandbox already there.
    const serve = await session.serve(['--data-dir', dataDir], { TICKBOARD_API_TOKEN: TOKEN })
    const call = serveApi(serve.api, TOKEN)
    const sandboxes = (await call('providers.list', {})).providers.filter(
      (p) => p.type === 'sandbox'
    )
    expect(sandboxes.map((p) => p.name)).toEqual(['Sandbox (built in)'])
    expect((await call('campaigns.get', { id: campaignId })).providerId).toBe(sandboxes[0]!.id)
    expect((await call('contacts.list', { limit: 1 })).total).toBeGreaterThan(0)

    const ui = await session.openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-providers').click()
    await expect
      .poll(() => page.getByTestId('provider-name').allTextContents())
      .toEqual(['Sandbox (built in)'])
    const id = sandboxes[0]!.id
    await page.getByTestId(`provider-test-${id}`).click()
    await expect
      .poll(() => page.getByTestId(`provider-test-result-${id}`).textContent())
      .toMatch(/^Signed test callback arrived on this computer: round trip [\d.]+ ms/)
    expect(await page.getByTestId(`provider-test-result-${id}`).getAttribute('class')).toBe('ok')
    expect(ui.errors).toEqual([])
  })
})
