import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { serveStatic } from '../../../src/main/http/staticFiles'
import { useTempDirs } from '../../helpers/tempDir'

/** The headless renderer files: served inside the root only; the SPA falls back to index.html. */
describe('static renderer files', () => {
  const tempDir = useTempDirs()
  let server: Server | null = null
  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r))
    server = null
  })

  it('serves files, falls back to index.html and never leaves the root', async () => {
    const root = join(tempDir(), 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<p>app</p>')
    writeFileSync(join(root, 'assets', 'a.js'), 'ok()')
    writeFileSync(join(root, '..', 'secret.txt'), 'secret')
    server = createServer((req, res) =>
      serveStatic(root, req.url ?? '/', res, "default-src 'self'")
    )
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    expect(await (await fetch(`${base}/assets/a.js`)).text()).toBe('ok()')
    expect(await (await fetch(`${base}/campaigns/1`)).text()).toBe('<p>app</p>')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const body = await (await fetch(`${base}${path}`)).text()
      expect(body).not.toContain('secret')
    }
    expect((await fetch(`${base}/assets/%E0%A4%A.js`)).status).toBe(400)
  })
})
