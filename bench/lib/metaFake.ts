import { spawn, type ChildProcess } from 'node:child_process'

/**
 * A Meta-shaped provider in its own process (so it does not share the engine's event loop):
 * answers every POST .../messages with Meta's success body after 50 ms, and records arrival
 * times so rates are measured where the provider sees them. `GET /?from=&to=` counts arrivals
 * in [from, to); `GET /?nth=N` answers when the N-th message arrived (null if not yet).
 */
const FAKE = `
const http = require('node:http')
const { randomBytes } = require('node:crypto')
const arrivals = []
const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    const u = new URL(req.url, 'http://x')
    const from = Number(u.searchParams.get('from')), to = Number(u.searchParams.get('to'))
    const n = arrivals.filter((t) => t >= from && t < to).length
    const nth = arrivals[Number(u.searchParams.get('nth')) - 1] ?? null
    res.end(JSON.stringify({ n, nth, total: arrivals.length, first: arrivals[0] ?? null }))
    return
  }
  arrivals.push(Date.now())
  req.resume()
  req.on('end', () => setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '1' }],
      messages: [{ id: 'wamid.' + randomBytes(18).toString('base64url'), message_status: 'accepted' }] }))
  }, 50))
})
server.keepAliveTimeout = 60000
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port))
`

export async function startMetaFake(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-e', FAKE], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString())
      if (m) resolve(m[1]!)
    })
    child.once('exit', (code) => reject(new Error(`fake exited ${code}`)))
  })
  return { child, url: `http://127.0.0.1:${port}` }
}

export interface FakeArrivals {
  n: number
  nth: number | null
  total: number
  first: number | null
}

export async function fakeArrivals(
  url: string,
  query: { from?: number; to?: number; nth?: number }
): Promise<FakeArrivals> {
  const params = new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string])
  )
  const res = await fetch(`${url}/?${params}`)
  return (await res.json()) as FakeArrivals
}
