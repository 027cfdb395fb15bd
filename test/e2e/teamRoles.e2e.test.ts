import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { OpenBrowser } from '../helpers/browser'
import { focused } from '../helpers/keyboard'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const ADMIN_TOKEN = 'team-roles-e2e-admin-token'

/** The text of the element that describes `button` (its aria-describedby), or null. */
async function description(page: Page, testId: string, within?: string): Promise<string | null> {
  const scope = within ? page.getByTestId(within) : page
  const id = await scope.getByTestId(testId).first().getAttribute('aria-describedby')
  if (!id) return null
  return page.locator(`[id="${id}"]`).textContent()
}

/** Requests of a page that the engine answered 403: a page should never ask what its role may not. */
function forbiddenCalls(ui: OpenBrowser): string[] {
  const seen: string[] = []
  ui.page.on('response', (r) => {
    if (r.status() === 403) seen.push(new URL(r.url()).pathname)
  })
  return seen
}

/**
 * Console errors other than those of a revoked token: its 401s, and the event stream the engine
 * cuts on revoke (apiServer destroys it, so Chromium reports an incomplete chunked body).
 */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/status of 401|ERR_INCOMPLETE_CHUNKED_ENCODING/.test(e))

describe('a team on one engine: users, roles and the audit log in Chromium', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  /** Signs in on a fresh tab with a token typed on the sign-in screen, as a teammate would. */
  async function signIn(apiBase: string, token: string): Promise<OpenBrowser> {
    const ui = await session.openUi(`${apiBase}/`)
    await expect.poll(() => ui.page.getByTestId('sign-in').count()).toBe(1)
    await ui.page.getByTestId('sign-in-token').fill(token)
    await ui.page.getByTestId('sign-in-token').press('Enter')
    await expect.poll(() => ui.page.getByTestId('signed-in').count()).toBe(1)
    return ui
  }

  /** Settings → Users: creates a user (Enter in the name field submits) and reads the token shown once. */
  async function createUser(page: Page, name: string, role: string): Promise<string> {
    await page.getByTestId('user-role').selectOption(role)
    await page.getByTestId('user-name').fill(name)
    await page.getByTestId('user-name').press('Enter')
    const shown = page.getByTestId('user-token')
    await expect.poll(() => shown.textContent()).toContain(name)
    expect(await shown.textContent()).toMatch(/will not be shown again/)
    const token = (await page.getByTestId('user-token-value').textContent())!
    expect(token.length).toBeGreaterThanOrEqual(43)
    await expect.poll(() => page.getByTestId(`user-row-${name}`).count()).toBe(1)
    return token
  }

  it('an admin creates an operator and a viewer; the operator launches a Sandbox campaign; the viewer sees it live and cannot launch; the audit log shows the launch; the revoked viewer is answered 401', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: ADMIN_TOKEN
    })

    // The admin (the bootstrap token in the ui: address) sees who they are and creates two users.
    const admin = await session.openUi(serve.ui)
    const a = admin.page
    await expect.poll(() => a.getByTestId('signed-in-role').textContent()).toBe('admin')
    await a.getByTestId('nav-settings').click()
    await a.getByTestId('settings-tab-users').click()
    expect(new URL(a.url()).hash).toBe('#/settings/users')
    const operatorToken = await createUser(a, 'Olivia Operator', 'operator')
    const viewerToken = await createUser(a, 'Victor Viewer', 'viewer')
    expect(operatorToken).not.toBe(viewerToken)
    await shootBothThemes(a, 'settings-users')
    await a.getByTestId('user-token-done').click()
    expect(await a.getByTestId('user-token').count()).toBe(0)

    // The operator signs in with their own token and composes a Sandbox campaign.
    const operator = await signIn(serve.api, operatorToken)
    const o = operator.page
    const operatorRefused = forbiddenCalls(operator)
    expect(await o.getByTestId('signed-in-name').textContent()).toBe('Olivia Operator')
    expect(await o.getByTestId('signed-in-role').textContent()).toBe('operator')
    await o.getByTestId('campaign-new').click()
    await expect
      .poll(() => o.getByTestId('compose-provider').inputValue(), { timeout: 10_000 })
      .not.toBe('')
    await o.getByTestId('compose-name').fill('Team launch')
    await o.getByTestId('template-search').fill('diwali')
    await o.getByTestId('template-option-diwali_offer-en').click()
    await o.getByTestId('map-source-1').selectOption('')
    await o.getByTestId('map-text-1').fill('DIWALI20')
    // 90 messages at 3/s: about 30 s of sending, long enough to watch it from the viewer's tab.
    await o.locator('#c-limit').fill('90')
    await o.locator('#c-rate').fill('3')
    await expect
      .poll(() => o.getByTestId('preview-ready').isVisible(), { timeout: 10_000 })
      .toBe(true)
    await o.getByTestId('compose-save').click()
    const operatorRow = o.locator('[data-testid^=campaign-row-]')
    await expect.poll(() => operatorRow.count()).toBe(1)
    const campaignId = (await operatorRow.getAttribute('data-testid'))!.slice(
      'campaign-row-'.length
    )

    // The viewer sees the draft; Launch…, Edit and New campaign are disabled and say why.
    const viewer = await signIn(serve.api, viewerToken)
    const v = viewer.page
    const viewerRefused = forbiddenCalls(viewer)
    expect(await v.getByTestId('signed-in-role').textContent()).toBe('viewer')
    const viewerRow = v.getByTestId(`campaign-row-${campaignId}`)
    await expect.poll(() => viewerRow.getAttribute('data-status')).toBe('draft')
    const launch = viewerRow.getByTestId('campaign-launch')
    expect(await launch.isDisabled()).toBe(true)
    expect(await description(v, 'campaign-launch', `campaign-row-${campaignId}`)).toBe(
      'Needs the operator role'
    )
    // Said once beside the row's buttons, though each of them is described by it.
    expect(
      await viewerRow.getByText('Needs the operator role').filter({ visible: true }).count()
    ).toBe(1)
    expect(await v.getByTestId('campaign-new').isDisabled()).toBe(true)
    expect(await description(v, 'campaign-new')).toBe('Needs the operator role')
    await shootBothThemes(v, 'viewer-campaigns')
    // The engine refuses the same launch from the viewer's token, naming the role.
    const refused = await fetch(`${serve.api}/api/campaigns.launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewerToken}` },
      body: JSON.stringify({ id: campaignId })
    })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /operator/
    )

    // The operator launches through the confirmation.
    await operatorRow.getByTestId('campaign-launch').click()
    const confirm = o.getByRole('dialog').getByTestId('launch-confirm')
    await expect.poll(() => confirm.isEnabled()).toBe(true)
    await confirm.click()
    await expect
      .poll(() => o.getByTestId('stats-page').getAttribute('data-campaign-id'))
      .toBe(campaignId)

    // The viewer's list follows the send live: sent climbs with the pushed events (SSE); the
    // list's rates are read again at most once a second (campaigns.list), never polled per row.
    const asked: string[] = []
    const watchedFrom = Date.now()
    v.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path.startsWith('/api/campaigns.')) asked.push(path)
    })
    const sent = async () =>
      Number((await viewerRow.getByTestId('campaign-sent').textContent())!.split('/')[0]!.trim())
    await expect
      .poll(() => viewerRow.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('running')
    await expect.poll(sent, { timeout: 20_000 }).toBeGreaterThan(0)
    const first = await sent()
    await expect.poll(sent, { timeout: 20_000 }).toBeGreaterThan(first)
    expect(new Set(asked)).toEqual(new Set(asked.length ? ['/api/campaigns.list'] : []))
    expect(asked.length).toBeLessThanOrEqual(Math.ceil((Date.now() - watchedFrom) / 1000) + 1)
    expect(await viewerRow.getByTestId('campaign-pause').isDisabled()).toBe(true)
    expect(await description(v, 'campaign-pause', `campaign-row-${campaignId}`)).toBe(
      'Needs the operator role'
    )
    // On the campaign's stats page too, Pause and Cancel say why; exports stay a viewer's own.
    await viewerRow.getByTestId('campaign-open').click()
    const actions = v.getByTestId('stats-campaign-actions')
    await expect
      .poll(() => actions.locator('button').allTextContents())
      .toEqual(['Pause', 'Cancel'])
    expect(await actions.getByTestId('campaign-cancel').isDisabled()).toBe(true)
    expect(
      await actions.getByText('Needs the operator role').filter({ visible: true }).count()
    ).toBe(1)
    expect(await v.getByTestId('stats-actions').locator('button').first().isEnabled()).toBe(true)
    await shootBothThemes(v, 'viewer-stats')
    // Provider accounts are the admin's.
    await v.getByTestId('nav-providers').click()
    await expect.poll(() => v.getByTestId('provider-add').isDisabled()).toBe(true)
    expect(await description(v, 'provider-add')).toBe('Needs the admin role')
    await shootBothThemes(v, 'viewer-providers')
    // Settings → Users and Audit log are the admin's: listed disabled with the reason, and so are
    // start at login (an admin's) and the backups (an operator's) in the general settings. The
    // default revenue currency is everyone's to read: the viewer sees it, and only its change
    // control is disabled, saying why.
    await v.getByTestId('nav-settings').click()
    expect(await v.getByTestId('settings-tab-users').isDisabled()).toBe(true)
    expect(await v.getByTestId('settings-tab-audit').textContent()).toMatch(/Needs the admin role/)
    const currency = v.getByTestId('default-currency-select')
    await expect.poll(() => currency.inputValue()).toMatch(/^[A-Z]{3}$/)
    expect(await currency.isDisabled()).toBe(true)
    expect(await description(v, 'default-currency-select')).toBe('Needs the admin role')
    expect(await v.getByTestId('restricted').allTextContents()).toEqual([
      'Start at login: needs the admin role.',
      'Backups: needs the operator role.'
    ])
    await shootBothThemes(v, 'viewer-settings')

    // The admin's audit log shows the operator's launch of that campaign.
    await a.getByTestId('settings-tab-audit').click()
    const launched = a.locator(
      '[data-testid=audit-row][data-route="campaigns.launch"][data-outcome=ok]'
    )
    await expect.poll(() => launched.count()).toBe(1)
    const cells = await launched.locator('td').allTextContents()
    expect(cells[1]).toBe('Olivia Operator')
    expect(cells[2]).toMatch(/^Launch a campaign/)
    expect(cells[3]).toBe(campaignId)
    expect(cells[4]).toMatch(/^ok/)
    // The viewer's launch, refused by the engine, is there too as refused.
    const refusedRow = a.locator(
      '[data-testid=audit-row][data-route="campaigns.launch"][data-outcome=refused]'
    )
    expect(await refusedRow.count()).toBe(1)
    expect(await refusedRow.locator('td').nth(1).textContent()).toBe('Victor Viewer')
    expect(await refusedRow.locator('td').nth(4).textContent()).toMatch(/forbidden/)
    // The teammates' fresh tabs asked nothing before they signed in: no call without a token,
    // none counted against the address's sign-in limit.
    expect(await a.getByTestId('audit-table').getByText('not signed in').count()).toBe(0)
    await shootBothThemes(a, 'settings-audit')
    // Export CSV downloads the whole log.
    const downloading = a.waitForEvent('download')
    await a.getByTestId('audit-export').click()
    const csv = readFileSync((await (await downloading).path())!, 'utf8')
    expect(csv).toMatch(/campaigns\.launch/)
    expect(csv).toContain('Olivia Operator')
    expect(await a.getByTestId('audit-exported').textContent()).toMatch(/^Downloading /)

    // The admin revokes the viewer, after a confirmation.
    await a.getByTestId('settings-tab-users').click()
    const viewerUser = a.getByTestId('user-row-Victor Viewer')
    // With the keyboard: the question opens on Cancel, so Enter alone never revokes.
    await viewerUser.getByTestId('user-revoke').focus()
    await a.keyboard.press('Enter')
    const dialog = a.getByTestId('revoke-dialog')
    await expect.poll(() => dialog.count()).toBe(1)
    expect(await focused(a)).toBe('revoke-cancel')
    await a.keyboard.press('Tab')
    expect(await focused(a)).toBe('revoke-confirm')
    await a.keyboard.press('Enter')
    await expect.poll(() => viewerUser.getAttribute('data-revoked')).toBe('true')
    expect(await viewerUser.getByTestId('user-status').textContent()).toMatch(/^Revoked /)

    // The viewer's next call answers 401, and their tab returns to sign-in saying why.
    const next = await fetch(`${serve.api}/api/campaigns.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewerToken}` },
      body: '{}'
    })
    expect(next.status).toBe(401)
    // The tab's next call meets the 401 and returns to sign-in; under load the event stream the
    // server ended on revocation may have brought it there already, leaving no nav to click.
    await v
      .getByTestId('nav-campaigns')
      .click({ timeout: 5_000 })
      .catch(() => undefined)
    await expect.poll(() => v.getByTestId('sign-in').count()).toBe(1)
    expect(await v.getByTestId('sign-in-reason').textContent()).toMatch(/revoked/)

    // Neither teammate's page asked for anything its role may not do.
    expect(viewerRefused).toEqual([])
    expect(operatorRefused).toEqual([])
    expect(admin.errors).toEqual([])
    expect(operator.errors).toEqual([])
    expect(unexpected(viewer.errors)).toEqual([])
  }, 180_000)
})
