import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../helpers/demoCampaign'
import { CARD_SPECS } from '../../src/shared/domain/statsView'
import { serveApi } from '../helpers/serveApi'
import { postSandboxSigned } from '../helpers/signedPost'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'stats-e2e-token'
const RECIPIENTS = 20_000

/** The little of the DOM the canvas probe uses (tests compile without the DOM library). */
interface CanvasProbe {
  width: number
  height: number
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
  } | null
}

/** Share of a canvas's pixels that are painted: a rendered chart is far from blank. */
async function paintedShare(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } })
      .document
    const canvas = doc.querySelector(`[data-testid="${id}"] canvas`) as CanvasProbe | null
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx || canvas.width === 0) return 0
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++
    return painted / (canvas.width * canvas.height)
  }, testId)
}

/** Waits until both charts stop changing (animations done), e.g. before a screenshot. */
async function chartsSettled(page: Page): Promise<void> {
  let last = -1
  await expect
    .poll(
      async () => {
        const now =
          (await paintedShare(page, 'trend-chart')) + (await paintedShare(page, 'funnel-chart'))
        const settled = now === last && now > 0
        last = now
        return settled
      },
      { interval: 250 }
    )
    .toBe(true)
}

/** A Meta-format status notification (providers.md §1.4/§1.6), as the provider posts it. */
function metaStatusBody(wamid: string, ourId: string, phone: string, at: number): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: 'sandbox' },
              statuses: [
                {
                  id: wamid,
                  status: 'delivered',
                  timestamp: String(Math.floor(at / 1000)),
                  recipient_id: phone.replace('+', ''),
                  biz_opaque_callback_data: ourId
                }
              ]
            }
          }
        ]
      }
    ]
  })
}

describe('campaign stats page in Chromium on a generated campaign', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('matches the API on every card, renders charts, toggles the funnel, drills into errors and goes live', async () => {
    const dataDir = join(tempDir(), 'data')
    const campaignId = generateDemo(dataDir, RECIPIENTS)

    const serve = await session.serve(
      ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo'],
      {
        TICKBOARD_API_TOKEN: TOKEN
      }
    )
    const call = serveApi(serve.api, TOKEN)
    const summary = await call('stats.summary', { campaignId })
    const campaign = await call('campaigns.get', { id: campaignId })
    expect(summary.qualified).toBe(RECIPIENTS)

    const ui = await session.openUi(serve.ui)
    const { page } = ui
    // Open the campaign the way an operator does: from the campaign list.
    await page.getByTestId('nav-campaigns').click()
    await page
      .getByTestId(`campaign-row-${campaignId}`)
      .getByRole('button', { name: campaign.name, exact: true })
      .click()
    await expect
      .poll(() => page.getByTestId('stats-page').getAttribute('data-campaign-id'))
      .toBe(campaignId)

    // Every card shows the API's number, formatted in the browser's locale.
    const fmt = (n: number): Promise<string> =>
      page.evaluate((v) => new Intl.NumberFormat().format(v), n)
    await expect
      .poll(() => page.getByTestId('stat-qualified').textContent())
      .toBe(await fmt(summary.qualified))
    for (const { key } of CARD_SPECS) {
      expect(await page.getByTestId(`stat-${key}`).textContent(), key).toBe(await fmt(summary[key]))
    }
    await expect.poll(() => page.getByTestId('no-clicks-note').textContent()).toMatch(/no click/i)
    // The definition opens on keyboard focus, with the read-receipts caveat on Viewed.
    await page.getByTestId('card-viewed').focus()
    expect(await page.getByTestId('tip-viewed').isVisible()).toBe(true)
    expect(await page.getByTestId('tip-viewed').textContent()).toMatch(/read receipts/)
    expect(await page.getByTestId('conversion-verdict').getAttribute('data-verdict')).toBe(
      summary.conversion.verdict
    )

    // Charts are drawn (pixels on the canvas), in light and in dark.
    await expect.poll(() => paintedShare(page, 'trend-chart')).toBeGreaterThan(0.005)
    await expect.poll(() => paintedShare(page, 'funnel-chart')).toBeGreaterThan(0.02)
    // README screenshots are refreshed on request only, so `npm test` leaves the tree clean.
    const shots =
      process.env.TICKBOARD_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'tickboard-shots-'))
    mkdirSync(shots, { recursive: true })
    await page.setViewportSize({ width: 1360, height: 1800 })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByTestId('stats-title').click()
    await chartsSettled(page)
    await page.screenshot({ path: join(shots, 'stats-light.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await chartsSettled(page)
    await page.screenshot({ path: join(shots, 'stats-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })

    // The trend switches to ISO weeks and stays drawn.
    await page.getByTestId('granularity-week').click()
    await expect.poll(() => page.getByTestId('trend-timezone').textContent()).toContain('ISO weeks')
    await expect.poll(() => paintedShare(page, 'trend-chart')).toBeGreaterThan(0.005)

    // Funnel toggles: Delivered and Viewed off leaves Sent → Converted, as the API computes it.
    const funnelRows = page.locator('[data-testid=funnel-table] tbody tr')
    await expect.poll(() => funnelRows.count()).toBe(4)
    await page.getByTestId('funnel-toggle-delivered').uncheck()
    await expect.poll(() => funnelRows.count()).toBe(3)
    await page.getByTestId('funnel-toggle-viewed').uncheck()
    await expect.poll(() => funnelRows.count()).toBe(2)
    const short = await call('stats.funnel', { campaignId, steps: ['sent', 'converted'] })
    const cells = await funnelRows.locator('td:nth-child(2)').allTextContents()
    expect(cells).toEqual(await Promise.all(short.steps.map((s) => fmt(s.users))))

    // Errors tab: a delivery group opens its recipients, which page and filter.
    await page.getByTestId('tab-errors').click()
    const { groups } = await call('stats.errors', { campaignId, kind: 'delivery' })
    const big = groups.find((g) => g.count > 50)
    expect(big, 'a delivery error group with more than one page').toBeDefined()
    await page.getByTestId(`error-open-delivery-${big!.code}`).click()
    const drillRows = page.locator('[data-testid=drilldown-table] tbody tr')
    const phones = () => drillRows.locator('td:first-child').allTextContents()
    await expect.poll(() => drillRows.count()).toBe(50)
    expect(await page.getByTestId('drilldown-total').textContent()).toContain(await fmt(big!.count))
    const firstPage = await phones()
    await page.getByTestId('drilldown').getByTestId('pager-next').click()
    await expect.poll(async () => (await phones())[0]).not.toBe(firstPage[0])
    const secondPage = await phones()
    expect(secondPage.filter((p) => firstPage.includes(p))).toEqual([])
    const wanted = secondPage[3]!
    await page.getByTestId('drilldown-search').fill(wanted)
    await expect.poll(() => phones()).toEqual([wanted])

    // Live: a signed status callback for a message awaiting report shows within 2 s.
    await page.getByTestId('tab-overview').click()
    await expect
      .poll(() => page.getByTestId('stat-delivered').getAttribute('data-value'))
      .toBe(String(summary.delivered))
    const db = new Database(join(dataDir, 'tickboard.sqlite'), {
      readonly: true,
      fileMustExist: true
    })
    const awaiting = db
      .prepare(
        `SELECT our_id AS ourId, provider_message_id AS wamid, phone FROM message
         WHERE campaign_id = ? AND dispatch_state = 'sent' AND status IS NULL
           AND provider_message_id IS NOT NULL LIMIT 1`
      )
      .get(campaignId) as { ourId: string; wamid: string; phone: string } | undefined
    db.close()
    expect(awaiting, 'a message awaiting report').toBeDefined()
    const { providers } = await call('providers.list', {})
    const provider = providers.find((p) => p.id === campaign.providerId)!
    // The Sandbox signs like Meta, with the account's callback token as the app secret.
    const body = metaStatusBody(awaiting!.wamid, awaiting!.ourId, awaiting!.phone, Date.now())
    const posted = Date.now()
    expect(await postSandboxSigned(serve.hooks, provider.callbackPath, body)).toBe(200)
    await expect
      .poll(() => page.getByTestId('stat-delivered').getAttribute('data-value'), {
        timeout: 2000,
        interval: 50
      })
      .toBe(String(summary.delivered + 1))
    expect(Date.now() - posted).toBeLessThan(2000)
    expect(await page.getByTestId('stat-awaitingReport').getAttribute('data-value')).toBe(
      String(summary.awaitingReport - 1)
    )
    // The callback context links to Callback health on the Providers page.
    await page.getByTestId('callback-health-link').click()
    await expect.poll(() => page.getByTestId('nav-providers').getAttribute('class')).toBe('active')
    expect(ui.errors).toEqual([])
  }, 240_000)
})
