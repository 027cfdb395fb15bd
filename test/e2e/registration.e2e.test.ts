import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFake, type AnyFake } from '../fakes'
import { openUi, type OpenBrowser } from '../helpers/browser'
import { startLocaltunnelServer, type LocaltunnelServer } from '../helpers/localtunnelServer'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

const TOKEN = 'registration-e2e-token'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON answers of the HTTP API
async function api<T = any>(serve: ServeProcess, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${serve.api}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body)
  })
  return (await res.json()) as T
}

describe('callback URL registration in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  let ui: OpenBrowser | null = null
  let lt: LocaltunnelServer | null = null
  const fakes: AnyFake[] = []
  afterEach(async () => {
    await ui?.close()
    await serve?.stop()
    await lt?.close()
    for (const fake of fakes.splice(0)) await fake.close()
    ui = serve = lt = null
  })

  it('a fresh install adds a Meta account, turns the tunnel on and sees the URL registered', async () => {
    lt = await startLocaltunnelServer()
    const meta = await startFake('meta')
    const twilio = await startFake('twilio')
    fakes.push(meta, twilio)
    serve = await startServe(['--data-dir', join(tempDir(), 'data'), '--no-demo'], {
      TICKBOARD_API_TOKEN: TOKEN,
      TICKBOARD_TUNNEL_PROBE_MS: '300',
      TICKBOARD_TUNNEL_PROBE_RETRY_MS: '100',
      TICKBOARD_TUNNEL_BACKOFF_MS: '100',
      TICKBOARD_TUNNEL_BACKOFF_MAX_MS: '800'
    })
    ui = await openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-providers').click()
    await expect.poll(() => page.getByTestId('providers-empty').isVisible()).toBe(true)

    const { config } = meta.account()
    await page.getByTestId('provider-add').click()
    await page.getByTestId('provider-add-type').selectOption('meta')
    await page.getByTestId('provider-add-name').fill('Meta main')
    await page.getByTestId('provider-add-phoneNumberId').fill(String(config.phoneNumberId))
    await page.getByTestId('provider-add-accessToken').fill(String(config.accessToken))
    await page.getByTestId('provider-add-appSecret').fill(String(config.appSecret))
    await page.getByTestId('provider-add-verifyToken').fill(String(config.verifyToken))
    await page.getByTestId('provider-add-baseUrl').fill(meta.url)
    await page.getByTestId('provider-add-save').click()
    await expect.poll(() => page.getByTestId('provider-name').count()).toBe(1)
    const [account] = (await api(serve, 'providers.list', {})).providers
    const id = account.id as string
    // Consent is shown, and on by default; Meta's template-webhook limit is stated.
    expect(await page.getByTestId(`registration-consent-${id}`).isChecked()).toBe(true)
    expect(await page.getByTestId(`registration-template-note-${id}`).textContent()).toMatch(
      /Template webhooks .* default callback URL .* every 15 minutes while it sends/
    )
    expect(await page.getByTestId(`registration-status-${id}`).textContent()).toMatch(/public URL/)

    // Tunnel on: nothing copied, nothing pasted.
    await page.getByText('Self-hosted tunnel server').click()
    await page.getByTestId('tunnel-host').fill(lt.host)
    await page.getByTestId('tunnel-switch').click()
    await expect
      .poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 15_000 })
      .toBe('Up')
    const url = (await page.getByTestId('tunnel-url').textContent())!
    const status = page.getByTestId(`registration-status-${id}`)
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toMatch(/^Callback URL registered/)
    const text = (await status.textContent())!
    // "Callback URL registered <date, time>. Meta confirmed …"
    expect(text).toMatch(/^Callback URL registered .*\d{1,2}:\d{2}.*Meta confirmed/)
    expect(meta.registration.url).toBe(`${url}${account.callbackPath as string}`)
    await page.getByText('Registration log').click()
    expect(await page.getByTestId(`registration-log-${id}`).textContent()).toContain(
      meta.registration.url!
    )

    // A Twilio campaign with the tunnel off and no public URL: refused, then forced on purpose.
    await page.getByTestId('tunnel-switch').click()
    await expect.poll(() => page.getByTestId('tunnel-state').textContent()).toBe('Off')
    const tw = await api(serve, 'providers.create', {
      type: 'twilio',
      name: 'Twilio US',
      config: twilio.account().config
    })
    await api(serve, 'contacts.import', { csv: 'phone,name\n+919810000001,Asha\n' })
    const draft = {
      name: 'Forced launch',
      providerId: tw.id,
      template: { name: 'Hello', language: 'en', params: [] },
      audience: { all: true },
      controlGroupPercent: 0
    }
    const { id: campaignId } = await api(serve, 'campaigns.create', draft)
    const refused = await fetch(`${serve.api}/api/campaigns.launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ id: campaignId })
    })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /no public callback URL/
    )
    await api(serve, 'campaigns.launch', { id: campaignId, overrideReadiness: true })

    await page.getByTestId('nav-campaigns').click()
    await page.getByTestId(`campaign-row-${campaignId}`).getByTestId('campaign-open').click()
    await expect
      .poll(() => page.getByTestId('readiness-override').textContent())
      .toMatch(/readiness check overridden .*Twilio US: there is no public callback URL/)
    expect(ui.errors.filter((e) => !/status of 409/.test(e))).toEqual([])
  })
  it('a tunnel outage while a campaign runs shows on its stats page as a gap with start and end', async () => {
    lt = await startLocaltunnelServer()
    const meta = await startFake('meta')
    fakes.push(meta)
    serve = await startServe(['--data-dir', join(tempDir(), 'data'), '--no-demo'], {
      TICKBOARD_API_TOKEN: TOKEN,
      TICKBOARD_TUNNEL_PROBE_MS: '300',
      TICKBOARD_TUNNEL_PROBE_RETRY_MS: '100',
      TICKBOARD_TUNNEL_BACKOFF_MS: '100',
      TICKBOARD_TUNNEL_BACKOFF_MAX_MS: '800'
    })
    const provider = await api(serve, 'providers.create', {
      type: 'meta',
      name: 'Meta main',
      config: meta.account().config
    })
    const up = await api(serve, 'tunnel.start', { host: lt.host })
    await expect
      .poll(() => meta.registration.url, { timeout: 15_000 })
      .toBe(`${up.url as string}${provider.callbackPath as string}`)
    await api(serve, 'contacts.import', {
      csv: 'phone,name\n+919810000001,Asha\n+919810000002,Ben\n+919810000003,Chen\n'
    })
    const { id: campaignId } = await api(serve, 'campaigns.create', {
      name: 'Through an outage',
      ratePerSecond: 0.1,
      providerId: provider.id,
      template: { name: 'order_update', language: 'en', params: [] },
      audience: { all: true },
      controlGroupPercent: 0
    })
    await api(serve, 'campaigns.launch', { id: campaignId })
    // Paused, not completed: the outage falls inside the campaign's window.
    await api(serve, 'campaigns.pause', { id: campaignId })

    ui = await openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-campaigns').click()
    await page.getByTestId(`campaign-row-${campaignId}`).getByTestId('campaign-open').click()
    await expect.poll(() => page.getByTestId('stats-page').isVisible()).toBe(true)
    expect(await page.getByTestId('callback-gap').count()).toBe(0)

    lt.refuseNew('over capacity')
    lt.drop(up.subdomain as string)
    const gap = { textContent: () => page.getByTestId('callback-gap').allTextContents() }
    await expect
      .poll(async () => (await gap.textContent()).join(' '), { timeout: 15_000 })
      .toMatch(/^Callbacks could not arrive from .+ to now: the tunnel is down/)
    lt.refuseNew(null)
    await expect
      .poll(async () => (await gap.textContent()).join(' '), { timeout: 15_000 })
      .toMatch(
        /^Callbacks could not arrive from .*\d:\d\d:\d\d.* to .*\d:\d\d:\d\d.*: the tunnel is down/
      )
    expect(meta.registration.url).not.toContain(up.subdomain as string)
    expect(ui.errors).toEqual([])
  })
})
