import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { chromium, type Browser } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devCsp } from '../../src/main/electron/devCsp'
import { devServerCsp } from '../../src/main/electron/devServerCsp'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../helpers/browser'

/**
 * `npm run dev`: the renderer's dev server page, loaded in Chromium under the window's CSP as a
 * response header (what `hardenSession` adds in Electron). With the dev relaxation the React app
 * renders; with the strict production policy the React Refresh preamble is blocked (the blank
 * window of issue #12), so the test can tell the two apart.
 */
const strict = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
  readFileSync('src/renderer/index.html', 'utf8')
)![1]!

/** Vite reads port 0 as "the default 5173", which another checkout may be using. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => done(port))
    })
  })
}

let server: ViteDevServer
let browser: Browser
let origin = ''
let header = ''

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    logLevel: 'silent',
    root: resolve('src/renderer'),
    // Vite's dependency cache in a temp folder: node_modules is shared with other checkouts.
    cacheDir: mkdtempSync(join(tmpdir(), 'tickboard-vite-')),
    plugins: [
      react(),
      devServerCsp(),
      {
        // Runs before Vite's own middlewares, so the HTML gets the header too (as in Electron).
        name: 'csp-header',
        configureServer: (dev) =>
          void dev.middlewares.use((_req, res, next) => {
            res.setHeader('Content-Security-Policy', header)
            next()
          })
      }
    ],
    server: { host: '127.0.0.1', port: await freePort(), strictPort: true }
  })
  await server.listen()
  const address = server.httpServer!.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function load(policy: string, waitMs: number) {
  header = policy
  const page = await browser.newPage()
  const violations: string[] = []
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive))
  // Page-side code as strings: this file is type-checked for Node, without the DOM library.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber))`
  })
  // Only the navigation itself: the page's 'load' waits for Vite's cold dependency pre-bundling.
  await page.goto(origin, { waitUntil: 'commit', timeout: waitMs })
  // Vite reloads the page once its cold dependency pre-bundling finds new modules, which ends a
  // wait early: keep waiting until the deadline.
  const deadline = Date.now() + waitMs
  let rendered = false
  while (!rendered && Date.now() < deadline) {
    rendered = await page
      .waitForFunction("(document.getElementById('root')?.childElementCount ?? 0) > 0", null, {
        timeout: Math.max(1, deadline - Date.now())
      })
      .then(
        () => true,
        () => false
      )
    if (!rendered) await new Promise((r) => setTimeout(r, 250))
  }
  await page.close()
  return { rendered, violations }
}

describe('the window CSP in dev mode', () => {
  // Cold Vite dependency pre-bundling on a loaded two-core machine can take most of a minute.
  it(
    'the dev relaxation lets the dev server page render with no violation',
    { timeout: 150_000 },
    async () => {
      const { rendered, violations } = await load(devCsp(strict, origin), 120_000)
      // zod probes `new Function` once inside try/catch to choose its fast path (Chromium does not
      // always name the file). Eval is refused in production too: the dev relaxation does not add
      // 'unsafe-eval'. Any other violation (an inline script, the dev socket) fails the test.
      expect(violations.filter((v) => !v.startsWith('script-src eval '))).toEqual([])
      expect(devCsp(strict, origin)).not.toContain('unsafe-eval')
      expect(rendered).toBe(true)
    }
  )

  it('the strict production policy blocks the dev page (the blank window)', async () => {
    const { rendered, violations } = await load(strict, 5_000)
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true)
    expect(rendered).toBe(false)
  })

  it('relaxes only script-src (inline) and connect-src (the dev socket)', () => {
    const relaxed = devCsp(strict, 'http://localhost:5173')
    const directives = (csp: string) => csp.split(';').map((d) => d.trim())
    const changed = directives(relaxed).filter((d) => !directives(strict).includes(d))
    expect(changed).toEqual([
      "script-src 'self' 'unsafe-inline'",
      "connect-src 'self' ws://localhost:5173"
    ])
  })
})
