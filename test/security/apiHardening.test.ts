import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startApiServer } from '../../src/main/headless/apiServer'
import { startTestEngine, type TestEngine } from '../helpers/engine'
import { useTempDirs } from '../helpers/tempDir'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw node:http so the test controls Host, Content-Length and Origin exactly. */
function send(
  port: number,
  options: {
    method?: string
    path: string
    headers?: Record<string, string>
    body?: Buffer | string
  }
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: options.headers
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    // The server may close the socket while a large body is still being written.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)
    )
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

describe('headless API hardening', () => {
  const tempDir = useTempDirs()
  let running: { te: TestEngine; close: () => Promise<void> } | null = null
  afterEach(async () => {
    await running?.close()
    running = null
  })

  async function start(maxBodyBytes?: number) {
    const te = await startTestEngine(tempDir())
    te.engine.services.users.bootstrap('s3cret-token')
    const api = await startApiServer({
      engine: te.engine,
      port: 0,
      rendererDir: tempDir(),
      maxBodyBytes
    })
    running = {
      te,
      close: async () => {
        await new Promise<void>((r) => {
          api.server.close(() => r())
          api.server.closeAllConnections()
        })
        await te.engine.close()
      }
    }
    const auth = { authorization: 'Bearer s3cret-token', host: `127.0.0.1:${api.port}` }
    return { te, port: api.port, auth, address: api.server.address() as AddressInfo }
  }

  it('listens on 127.0.0.1 only and checks token and Host', async () => {
    const { port, auth, address } = await start()
    expect(address.address).toBe('127.0.0.1')
    const list = { path: '/api/contacts.list', body: '{}' }
    expect((await send(port, { ...list, headers: auth })).status).toBe(200)
    for (const authorization of ['', 'Bearer s3cret-tokeN', 'Bearer s3cret-token2', 'Basic x'])
      expect((await send(port, { ...list, headers: { ...auth, authorization } })).status).toBe(401)
    for (const host of [
      `evil.test:${port}`,
      `127.0.0.1.evil.test:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`
    ])
      expect((await send(port, { ...list, headers: { ...auth, host } })).status).toBe(421)
  })

  it('sends no CORS headers, so no browser page on another origin can read answers', async () => {
    const { port, auth } = await start()
    const origin = { origin: 'https://evil.test' }
    const preflight = await send(port, {
      method: 'OPTIONS',
      path: '/api/contacts.list',
      headers: { ...auth, ...origin, 'access-control-request-method': 'POST' }
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    const post = await send(port, {
      path: '/api/contacts.list',
      headers: { ...auth, ...origin },
      body: '{}'
    })
    expect(post.status).toBe(200)
    for (const reply of [preflight, post])
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
  })

  it('answers 413 with a clear message for oversized bodies and writes nothing', async () => {
    const { te, port, auth } = await start(64 * 1024)
    const before = (await te.call('contacts.list', { limit: 1 })).total

    const small = await send(port, {
      path: '/api/contacts.list',
      headers: auth,
      body: JSON.stringify({ search: 'x'.repeat(2 * 1024 * 1024) })
    })
    expect(small.status).toBe(413)
    expect(JSON.parse(small.body).error.message).toMatch(/larger than 1 MiB/)

    const rows = Array.from({ length: 5000 }, (_, i) => `+9198${String(i).padStart(8, '0')},N${i}`)
    const csv = `phone,name\n${rows.join('\n')}\n`
    const big = await send(port, {
      path: '/api/contacts.import',
      headers: auth,
      body: JSON.stringify({ csv })
    })
    expect(big.status).toBe(413)
    expect(JSON.parse(big.body).error).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/65536 bytes.*contacts\.import.*split the CSV/)
    })

    // A lying client that declares a huge length is refused before anything is read.
    const declared = await send(port, {
      path: '/api/events.import',
      headers: { ...auth, 'content-length': String(1024 * 1024 * 1024) }
    })
    expect(declared.status).toBe(413)

    expect((await te.call('contacts.list', { limit: 1 })).total).toBe(before)
    const fits = await send(port, {
      path: '/api/contacts.import',
      headers: auth,
      body: JSON.stringify({ csv: `phone,name\n${rows.slice(0, 100).join('\n')}\n` })
    })
    expect(fits.status).toBe(200)
    expect((await te.call('contacts.list', { limit: 1 })).total).toBe(before + 100)
  })
})
