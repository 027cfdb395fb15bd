import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { RENDERER_CSP } from '../../src/main/http/csp'
import { serveStatic } from '../../src/main/http/staticFiles'
import { createTeamClient, type TeamClient } from '../../src/main/bridge/teamClient'
import { openUi, type OpenBrowser } from '../helpers/browser'
import { startTestEngine } from '../helpers/engine'
import { tabTo } from '../helpers/keyboard'
import { shootBothThemes } from '../helpers/screens'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

/**
 * Settings → "Connect to a team server" in the real renderer (Chromium), keyboard only. The page
 * gets the desktop bridge (`window.tickboard`) wired to the real team client of the shell
 * (src/main/bridge/teamClient.ts) running in this process: its local engine a real engine on a
 * temp folder, its server a real `serve`. Only safeStorage is a stand-in (a reversible seal).
 */
const tempDir = useTempDirs()
const ADMIN = 'a'.repeat(64)
let serve: ServeProcess | null = null
let ui: OpenBrowser | null = null
let team: TeamClient | null = null
let files: Server | null = null
afterEach(async () => {
  await ui?.close()
  await new Promise((r) => (files ? files.close(r) : r(null)))
  files = null
  await team?.close()
  await serve?.stop('SIGTERM')
  ui = null
  team = null
  serve = null
})

const seal = (text: string) => Buffer.from(text).map((b) => b ^ 0x5a)
const keychain = {
  keychain: async () => ({ available: true, backend: 'test stand-in' }),
  sealKey: async (plain: string) => seal(plain),
  openKey: async (sealed: Uint8Array) =>
    Buffer.from(seal(Buffer.from(sealed).toString())).toString()
}

type Bridge = { __tbEvent(name: string, payload: unknown): void }

describe('desktop app on a team server (renderer in Chromium)', () => {
  it('connects by keyboard, shows who is signed in, says when the server is gone, disconnects', async () => {
    const serverDir = tempDir()
    serve = await startServe(['--data-dir', serverDir, '--no-demo'], { TICKBOARD_API_TOKEN: ADMIN })
    const port = new URL(serve.api).port
    const created = await fetch(`${serve.api}/api/users.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Asha', role: 'operator' })
    })
    const asha = (await created.json()) as { token: string }

    const localDir = tempDir()
    ui = await openUi('about:blank', { width: 1024, height: 700 })
    const page = ui.page
    team = createTeamClient({
      file: join(tempDir(), 'team-server.json'),
      keychain,
      saveDialog: async () => null,
      startLocal: async () => {
        const local = await startTestEngine(localDir, { transport: 'electron' })
        return {
          invoke: local.engine.invoke,
          subscribe: local.engine.subscribe,
          close: () => local.engine.close()
        }
      },
      switched: () => void page.reload()
    })
    await team.start()
    const client = team
    await page.exposeFunction('__tbInvoke', (route: string, input: unknown) =>
      client.api.invoke(route, input)
    )
    client.api.subscribe((name, payload) => {
      void page
        .evaluate((e) => (globalThis as unknown as Bridge).__tbEvent(e.n, e.p), {
          n: name as string,
          p: payload as unknown
        })
        .catch(() => undefined)
    })
    await ui.context.addInitScript(() => {
      const g = globalThis as unknown as Record<string, unknown>
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      g.__tbEvent = (name: string, payload: unknown) =>
        listeners.get(name)?.forEach((cb) => cb(payload))
      g.tickboard = {
        invoke: (route: string, input: unknown) =>
          (g.__tbInvoke as (r: string, i: unknown) => Promise<unknown>)(route, input),
        on(name: string, cb: (payload: unknown) => void) {
          const set = listeners.get(name) ?? new Set()
          set.add(cb)
          listeners.set(name, set)
          return () => set.delete(cb)
        }
      }
    })
    // The window's own files, as the desktop app loads them from disk: not from the server.
    const rendererFiles = createServer((req, res) =>
      serveStatic(
        resolve('out/renderer'),
        new URL(req.url ?? '/', 'http://x').pathname,
        res,
        RENDERER_CSP
      )
    )
    files = rendererFiles
    await new Promise<void>((r) => rendererFiles.listen(0, '127.0.0.1', r))
    const appUrl = `http://127.0.0.1:${(rendererFiles.address() as AddressInfo).port}`
    await page.goto(`${appUrl}/#/settings`)
    const panel = page.getByTestId('team-server')
    await panel.getByText('Work on your team').waitFor()
    await page.getByText(localDir, { exact: true }).waitFor()

    // Plain http to another computer: refused in the panel, with what to do.
    await tabTo(page, 'team-url')
    await page.keyboard.type('http://tickboard.example.com')
    await page.keyboard.press('Tab')
    await page.keyboard.type(asha.token)
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByTestId('team-error').textContent())
      .toMatch(/^Plain http:\/\/ to another computer .* use https:\/\/tickboard\.example\.com/)

    await tabTo(page, 'team-url')
    await page.keyboard.press('Control+A')
    await page.keyboard.type(serve.api)
    await page.keyboard.press('Tab')
    await page.keyboard.type(asha.token)
    await page.keyboard.press('Enter')
    // The window reloads onto the server: its data folder, and who is signed in on every page.
    const strip = page.getByTestId('team-strip')
    await expect
      .poll(() => strip.textContent(), { timeout: 20_000 })
      .toBe(`Team server 127.0.0.1:${port}`)
    await page.getByText(serverDir, { exact: true }).waitFor()
    expect(await page.getByTestId('signed-in-name').textContent()).toBe('Asha')
    expect(await page.getByTestId('signed-in-role').textContent()).toBe('operator')
    await expect
      .poll(() => panel.textContent())
      .toContain(`Connected to ${serve.api} as Asha (operator).`)
    await shootBothThemes(page, 'team-connected')

    // The server stops: every page says so, and why.
    await serve.stop('SIGTERM')
    await expect
      .poll(() => strip.textContent(), { timeout: 20_000 })
      .toMatch(
        new RegExp(
          `^Server unreachable: The team server http://127\\.0\\.0\\.1:${port} cannot be reached \\(ECONNREFUSED\\); Tickboard keeps trying\\.`
        )
      )
    await shootBothThemes(page, 'team-unreachable')
    // A start (here a reload) while the server is gone: the window says so once, and offers the
    // way back to this computer.
    await page.reload()
    await page.getByTestId('checking-session').waitFor()
    await expect
      .poll(() => strip.textContent(), { timeout: 20_000 })
      .toMatch(/^Server unreachable: /)
    await page.getByTestId('team-disconnect').waitFor()
    expect(await page.locator('text=/cannot be reached/ >> visible=true').count()).toBe(1)
    serve = await startServe(['--data-dir', serverDir, '--no-demo', '--port', port], {
      TICKBOARD_API_TOKEN: ADMIN
    })
    await expect
      .poll(() => strip.textContent(), { timeout: 30_000 })
      .toBe(`Team server 127.0.0.1:${port}`)
    // It came back: the window learns who it is and shows the pages again.
    await page.getByTestId('signed-in-name').waitFor({ timeout: 20_000 })
    await page.getByTestId('team-disconnect').waitFor()

    // Disconnect: back to this computer's engine.
    await tabTo(page, 'team-disconnect')
    await page.keyboard.press('Enter')
    await page.getByText(localDir, { exact: true }).waitFor({ timeout: 20_000 })
    await expect.poll(() => strip.count()).toBe(0)
    expect(
      ui.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))
    ).toEqual([])
  }, 120_000)
})
