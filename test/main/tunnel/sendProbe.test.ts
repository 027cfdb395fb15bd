import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { PROBE_HEADER, verifyProbe } from '../../../src/main/callbacks/probe'
import { sendProbe } from '../../../src/main/tunnel/sendProbe'

const SECRET = 'probe-secret-for-tests'

describe('sendProbe', () => {
  const servers: Server[] = []
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections()
      await new Promise((r) => s.close(r))
    }
  })

  async function serve(answer: (nonce: string | null) => { status: number; body: string } | null) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const header = req.headers[PROBE_HEADER]
        const reply = answer(
          verifyProbe(SECRET, header as string | undefined, Buffer.concat(chunks))
        )
        if (!reply) return // never answers
        res.writeHead(reply.status, { 'content-type': 'application/json' })
        res.end(reply.body)
      })
    })
    servers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/probe`
  }

  it('passes only when the signed nonce comes back', async () => {
    const url = await serve((nonce) => ({ status: 200, body: JSON.stringify({ probe: nonce }) }))
    const ok = await sendProbe(url, SECRET, 2000)
    expect(ok.ok).toBe(true)
    expect(ok.roundTripMs).toBeGreaterThan(0)
    // Signed with another secret: the server cannot verify it, so no nonce comes back.
    const other = await sendProbe(url, 'another-secret', 2000)
    expect(other).toMatchObject({
      ok: false,
      error: expect.stringMatching(/without our probe nonce/)
    })
  })

  it('explains refusals, wrong answers, silence and unreachable hosts', async () => {
    const refusing = await serve(() => ({ status: 401, body: '{}' }))
    expect(await sendProbe(refusing, SECRET, 2000)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/HTTP 401: the callback server refused/)
    })
    const gateway = await serve(() => ({ status: 503, body: 'Tunnel Unavailable' }))
    expect(await sendProbe(gateway, SECRET, 2000)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/tunnel unavailable/)
    })
    const html = await serve(() => ({ status: 200, body: '<html>reminder</html>' }))
    expect(await sendProbe(html, SECRET, 2000)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/something other than this Tickboard/)
    })
    const silent = await serve(() => null)
    expect(await sendProbe(silent, SECRET, 200)).toEqual({
      ok: false,
      roundTripMs: null,
      error: 'no answer within 200 ms'
    })
    const closed = await serve(() => null)
    const server = servers.pop()!
    await new Promise((r) => server.close(r))
    expect(await sendProbe(closed, SECRET, 2000)).toMatchObject({
      ok: false,
      error: 'unreachable (ECONNREFUSED)'
    })
  })
})
