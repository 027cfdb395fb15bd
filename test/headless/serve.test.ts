import { afterEach, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

describe('npm run serve (headless engine)', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  afterEach(async () => {
    await serve?.stop()
    serve = null
  })

  it('prints api/hooks/ui, guards the API with the token and keeps /api off the hooks port', async () => {
    serve = await startServe(['--data-dir', tempDir(), '--port', '0', '--hooks-port', '0'], {
      TICKBOARD_API_TOKEN: 't0ken'
    })
    expect(serve.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(serve.hooks).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(serve.ui).toBe(`${serve.api}/#token=t0ken`)

    const health = await fetch(`${serve.api}/api/health`)
    expect(await health.json()).toEqual({ ok: true, version: expect.any(String) })

    const post = (route: string, body: unknown, token?: string) =>
      fetch(`${serve!.api}/api/${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {})
        },
        body: JSON.stringify(body)
      })
    expect((await post('contacts.list', {})).status).toBe(401)
    expect((await post('contacts.list', {}, 'wrong')).status).toBe(401)
    const unknown = await post('no.such.route', {}, 't0ken')
    expect(unknown.status).toBe(404)
    const bad = await post('contacts.list', { limit: 'ten' }, 't0ken')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input')
    const ok = await post('contacts.list', { limit: 1 }, 't0ken')
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { total: number }).total).toBeGreaterThan(1000)

    const onHooks = await fetch(`${serve.hooks}/api/health`)
    expect(onHooks.status).toBe(404)
    const page = await fetch(`${serve.api}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<div id="root">')

    const code = await serve.stop('SIGTERM')
    expect(code).toBe(0)
    expect(serve.output()).toContain('SIGTERM: shutting down')
  })

  it('refuses a foreign Host header (DNS rebinding) and a malformed JSON body', async () => {
    serve = await startServe(['--data-dir', tempDir()], { TICKBOARD_API_TOKEN: 'host-token' })
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${serve!.api}/api/health`,
        { headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
    const res = await fetch(`${serve.api}/api/contacts.list`, {
      method: 'POST',
      headers: { authorization: 'Bearer host-token' },
      body: '{nope'
    })
    expect(res.status).toBe(400)
  })

  it('rejects bad flags with the usage line', async () => {
    await expect(startServe(['--port', '0'])).rejects.toThrow(/--data-dir is required/)
  })
})
