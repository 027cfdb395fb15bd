import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openUi, type OpenBrowser } from '../helpers/browser'
import { startLocaltunnelServer, type LocaltunnelServer } from '../helpers/localtunnelServer'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

describe('providers page in Chromium against the headless engine and a local tunnel server', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  let ui: OpenBrowser | null = null
  let lt: LocaltunnelServer | null = null
  afterEach(async () => {
    await ui?.close()
    await serve?.stop()
    await lt?.close()
    ui = serve = lt = null
  })

  it('adds providers with validation, runs the tunnel, tests callbacks, shows the URL-change banner', async () => {
    lt = await startLocaltunnelServer()
    serve = await startServe(['--data-dir', join(tempDir(), 'data'), '--no-demo'], {
      TICKBOARD_API_TOKEN: 'e2e-token',
      TICKBOARD_TUNNEL_PROBE_MS: '300',
      TICKBOARD_TUNNEL_PROBE_RETRY_MS: '100',
      TICKBOARD_TUNNEL_BACKOFF_MS: '100',
      TICKBOARD_TUNNEL_BACKOFF_MAX_MS: '800'
    })
    ui = await openUi(serve.ui)
    const { page, context } = ui
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: serve.api
    })
    await page.getByTestId('nav-providers').click()
    await expect.poll(() => page.getByTestId('providers-empty').isVisible()).toBe(true)
    expect(await page.getByTestId('tunnel-state').textContent()).toBe('Off')

    // Twilio with a malformed SID: the API's message shows next to the field, nothing is saved.
    await page.getByTestId('provider-add').click()
    await page.getByTestId('provider-add-type').selectOption('twilio')
    await page.getByTestId('provider-add-name').fill('Twilio US')
    await page.getByTestId('provider-add-accountSid').fill('AC123')
    await page.getByTestId('provider-add-authToken').fill('tw-secret-token')
    await page.getByTestId('provider-add-from').fill('whatsapp:+14155238886')
    // A dead loopback port, never the real provider: the tunnel registers callback URLs (#15).
    await page.getByTestId('provider-add-baseUrl').fill('http://127.0.0.1:9')
    await page.getByTestId('provider-add-save').click()
    await expect.poll(() => page.getByText('Account SID looks like AC').count()).toBeGreaterThan(0)
    await page.getByTestId('provider-add-accountSid').fill(`AC${'b'.repeat(32)}`)
    await page.getByTestId('provider-add-save').click()
    await expect.poll(() => page.getByTestId('provider-name').count()).toBe(1)

    await page.getByTestId('provider-add').click()
    await page.getByTestId('provider-add-type').selectOption('meta')
    await page.getByTestId('provider-add-name').fill('Meta main')
    await page.getByTestId('provider-add-phoneNumberId').fill('106540352242922')
    await page.getByTestId('provider-add-accessToken').fill('EAAG-access-token-1234')
    await page.getByTestId('provider-add-appSecret').fill('meta-app-secret-9876')
    await page.getByTestId('provider-add-verifyToken').fill('verify-me')
    await page.getByTestId('provider-add-baseUrl').fill('http://127.0.0.1:9')
    await page.getByTestId('provider-add-save').click()
    await expect.poll(() => page.getByTestId('provider-name').count()).toBe(2)

    const providers = await api(serve, 'providers.list', {})
    const meta = providers.providers.find((p: { type: string }) => p.type === 'meta')
    expect(await page.getByTestId(`provider-callback-url-${meta.id}`).textContent()).toMatch(
      /none yet/
    )

    // Without a public URL the test callback says what to do.
    await page.getByTestId(`provider-test-${meta.id}`).click()
    await expect
      .poll(() => page.getByTestId(`provider-test-result-${meta.id}`).textContent())
      .toMatch(/on this computer only: No public URL.*Start the tunnel/)

    // Tunnel on, against the self-hosted (local) server.
    await page.getByText('Self-hosted tunnel server').click()
    await page.getByTestId('tunnel-host').fill(lt.host)
    await page.getByTestId('tunnel-switch').click()
    await expect
      .poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 15_000 })
      .toBe('Up')
    const url = (await page.getByTestId('tunnel-url').textContent())!
    expect(url.startsWith(`${lt.host}/t/`)).toBe(true)
    await expect
      .poll(() => page.getByTestId(`provider-callback-url-${meta.id}`).textContent())
      .toBe(`${url}${meta.callbackPath}`)
    await page.getByTestId(`provider-copy-${meta.id}`).click()
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(`${url}${meta.callbackPath}`)

    await page.getByTestId(`provider-test-${meta.id}`).click()
    await expect
      .poll(() => page.getByTestId(`provider-test-result-${meta.id}`).textContent())
      .toMatch(/arrived through the tunnel: round trip [\d.]+ ms/)

    // The server drops the tunnel: the supervisor restores it and the banner says what to update.
    lt.drop(url.split('/t/')[1]!)
    const banner = page.getByTestId('tunnel-url-changed')
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(true)
    const text = (await banner.textContent())!
    expect(text).toContain('Meta main')
    expect(text).toContain("Meta's App Dashboard")
    expect(text).toContain('Twilio US')
    expect(text).toMatch(/follow the change automatically/)
    const newUrl = (await page.getByTestId('tunnel-url').textContent())!
    expect(newUrl).not.toBe(url)
    expect(await page.title()).toMatch(/Callback URL changed/)
    await page.getByTestId('tunnel-url-changed-dismiss').click()
    await expect.poll(() => banner.count()).toBe(0)
    expect(await page.title()).not.toMatch(/Callback URL changed/)

    // Edit the name only: masked secrets stay as they were.
    const before = meta.config.appSecret
    await page.getByTestId(`provider-edit-${meta.id}`).click()
    await page.getByTestId(`provider-edit-${meta.id}-name`).fill('Meta India')
    await page.getByTestId(`provider-edit-${meta.id}-save`).click()
    await expect.poll(() => page.getByText('Meta India').count()).toBeGreaterThan(0)
    const after = (await api(serve, 'providers.list', {})).providers.find(
      (p: { id: string }) => p.id === meta.id
    )
    expect(after.config.appSecret).toBe(before)
    expect(after.ratePerSecond).toBe(meta.ratePerSecond)

    await page.getByText('Callback health').first().click()
    await expect.poll(() => page.getByText('Awaiting report > 10 min').count()).toBeGreaterThan(0)

    await page.getByTestId('tunnel-switch').click()
    await expect.poll(() => page.getByTestId('tunnel-state').textContent()).toBe('Off')
    // The one 400 is the invalid SID above: the browser logs every 4xx answer.
    expect(ui.errors.filter((e) => !/status of 400/.test(e))).toEqual([])
    expect(ui.errors.length).toBeLessThanOrEqual(1)
  })
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(serve: ServeProcess, route: string, body: unknown): Promise<any> {
  const res = await fetch(`${serve.api}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer e2e-token' },
    body: JSON.stringify(body)
  })
  return res.json()
}
