import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFake, type AnyFake } from '../fakes'
import { openUi, type OpenBrowser } from '../helpers/browser'
import { shootBothThemes } from '../helpers/screens'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'
import { catalog } from '../main/templates/catalog'

describe('Test connection, template sync state and the revenue currency in Chromium', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  let ui: OpenBrowser | null = null
  let fake: AnyFake | null = null
  afterEach(async () => {
    await ui?.close()
    await serve?.stop()
    await fake?.close()
    ui = serve = fake = null
  })

  it("adds a 360dialog account from its own fields, tests it, and sets revenue's currency", async () => {
    const d360 = await startFake('meta', { authScheme: 'd360', catalog: catalog() })
    fake = d360
    serve = await startServe(['--data-dir', join(tempDir(), 'data'), '--no-demo'], {
      TICKBOARD_API_TOKEN: 'e2e-token'
    })
    ui = await openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-providers').click()
    await page.getByTestId('provider-add').click()
    await page.getByTestId('provider-add-type').selectOption('360dialog')
    // 360dialog's fields only: its API key and base URL, no Meta phone number ID or app secret.
    expect(await page.getByTestId('provider-add-phoneNumberId').count()).toBe(0)
    expect(await page.getByTestId('provider-add-appSecret').count()).toBe(0)
    await expect.poll(() => page.getByLabel('API key *').count()).toBe(1)
    await page.getByTestId('provider-add-name').fill('360dialog main')
    await page.getByTestId('provider-add-accessToken').fill(String(d360.options.accessToken))
    await page.getByTestId('provider-add-baseUrl').fill(d360.url)
    await page.getByTestId('provider-add-save').click()
    await expect.poll(() => page.getByTestId('provider-name').count()).toBe(1)
    const button = page.locator('[data-testid^="provider-test-connection-"]')
    const id = (await button.getAttribute('data-testid'))!.replace('provider-test-connection-', '')

    // Keyboard: focus the button and press Enter.
    await page.getByTestId(`provider-test-connection-${id}`).focus()
    await page.keyboard.press('Enter')
    const result = page.getByTestId(`provider-connection-result-${id}`)
    await expect
      .poll(() => result.textContent(), { timeout: 10_000 })
      .toMatch(
        /^Connected: Read the template list \(HTTP 200\)\. \(GET \/v1\/configs\/templates, \d+ ms\)$/
      )
    await expect
      .poll(() => page.getByTestId(`provider-templates-state-${id}`).textContent(), {
        timeout: 10_000
      })
      .toMatch(/Templates: \d+ synced|Templates: not synced yet/)
    await shootBothThemes(page, 'providers-connection')

    // A wrong key: what failed, in words.
    await page.getByTestId(`provider-edit-${id}`).click()
    await page.getByTestId(`provider-edit-${id}-accessToken`).fill('wrong-key')
    await page.getByTestId(`provider-edit-${id}-save`).click()
    await expect.poll(() => page.getByTestId(`provider-edit-${id}-form`).count()).toBe(0)
    await page.getByTestId(`provider-test-connection-${id}`).click()
    await expect
      .poll(() => result.textContent(), { timeout: 10_000 })
      .toMatch(/^Connection failed: The credentials were refused \(HTTP 401/)

    // Settings: the default revenue currency, then Compose offers it with the goal.
    await page.getByTestId('nav-settings').click()
    const select = page.getByTestId('default-currency-select')
    await expect.poll(() => select.inputValue()).toBe('USD')
    await select.selectOption('INR')
    await expect
      .poll(() => page.getByTestId('default-currency').getByRole('status').textContent())
      .toBe('New campaigns count revenue in INR.')
    await shootBothThemes(page, 'settings-currency')
    await page.reload()
    await expect.poll(() => page.getByTestId('default-currency-select').inputValue()).toBe('INR')

    // Compose offers it with the conversion goal; the operator may pick another for this campaign.
    await page.getByTestId('nav-campaigns').click()
    await page.getByTestId('campaign-new').click()
    await page.getByTestId('compose-goal').check()
    const currency = page.getByTestId('compose-currency')
    await expect.poll(() => currency.inputValue()).toBe('INR')
    await currency.scrollIntoViewIfNeeded()
    await shootBothThemes(page, 'compose-goal-currency')
  })
})
