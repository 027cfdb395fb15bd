import { afterEach, describe, expect, it } from 'vitest'
import { startLocaltunnelServer, type LocaltunnelServer } from '../../helpers/localtunnelServer'
import { startServe, type ServeProcess } from '../../helpers/serveProcess'
import { useTempDirs } from '../../helpers/tempDir'

/** The built headless engine (`out/main/serve.js`) opens the tunnel through the HTTP API. */
describe('tunnel in the built headless engine', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  let lt: LocaltunnelServer | null = null
  afterEach(async () => {
    await serve?.stop()
    await lt?.close()
    serve = null
    lt = null
  })

  it('tunnel.start → up through the bundled client; SIGTERM exits cleanly with it open', async () => {
    lt = await startLocaltunnelServer()
    serve = await startServe(['--data-dir', tempDir(), '--port', '0', '--hooks-port', '0'], {
      TICKBOARD_TUNNEL_PROBE_MS: '500',
      TICKBOARD_API_TOKEN: 'tunnel-serve-token'
    })
    const post = async (route: string, body: unknown) => {
      const res = await fetch(`${serve!.api}/api/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer tunnel-serve-token' },
        body: JSON.stringify(body)
      })
      return { status: res.status, body: (await res.json()) as Record<string, unknown> }
    }
    const started = await post('tunnel.start', { host: lt.host })
    expect(started.status).toBe(200)
    expect(started.body).toMatchObject({ state: 'up', url: expect.stringContaining(lt.host) })
    const provider = await post('providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: {}
    })
    expect(provider.body.callbackUrl).toBe(
      `${started.body.url as string}${provider.body.callbackPath as string}`
    )
    const bad = await post('tunnel.start', { subdomain: 'UPPER' })
    expect(bad.status).toBe(400)
    expect(await serve.stop()).toBe(0)
    serve = null
  })
})
