import { randomBytes } from 'node:crypto'
import {
  Agent,
  createServer,
  request,
  type ClientRequestArgs,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket
} from 'node:net'
import type { Duplex } from 'node:stream'

/**
 * A localtunnel-protocol server for tests, on 127.0.0.1 only (reference §2.1/§2.2, upstream
 * localtunnel/server): `GET /?new` or `GET /<id>` → `{id, port, max_conn_count, url}`; the client
 * opens up to `max_conn_count` raw TCP sockets to `port`; public HTTP requests are piped through
 * them. The public side routes by path prefix (`/t/<id>/...`, because test clients cannot resolve
 * `<id>.example` hosts) and also by `Host: <id>.<anything>` like the real server. A taken or
 * refused id gets a random one, silently, as upstream does.
 */
const ID_PATTERN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/
const MAX_SOCKETS = 10
/** Upstream frees a client 1 s after its last socket closes (or if none connects in 1 s). */
const GRACE_MS = 1000

type SocketCallback = (err: Error | null, stream: Duplex) => void

/** Hands out the tunnel sockets a client opened, one per outstanding request (upstream TunnelAgent). */
class TunnelAgent extends Agent {
  private available: Socket[] = []
  private waiting: SocketCallback[] = []
  private closed = false

  constructor() {
    super({ keepAlive: true, maxFreeSockets: MAX_SOCKETS })
  }

  add(socket: Socket): void {
    socket.on('error', () => socket.destroy())
    socket.once('close', () => (this.available = this.available.filter((s) => s !== socket)))
    const waiter = this.waiting.shift()
    if (waiter) waiter(null, socket)
    else this.available.push(socket)
  }

  override createConnection(_options: ClientRequestArgs, callback?: SocketCallback): undefined {
    if (!callback) return undefined
    if (this.closed) callback(new Error('tunnel closed'), undefined as unknown as Duplex)
    else {
      const socket = this.available.shift()
      if (socket) callback(null, socket)
      else this.waiting.push(callback)
    }
    return undefined
  }

  shutdown(): void {
    this.closed = true
    for (const waiter of this.waiting.splice(0))
      waiter(new Error('tunnel dropped'), undefined as unknown as Duplex)
    for (const socket of this.available.splice(0)) socket.destroy()
    this.destroy()
  }
}

interface Client {
  id: string
  agent: TunnelAgent
  server: NetServer
  sockets: Set<Socket>
  graceTimer: NodeJS.Timeout | null
  silent: boolean
}

export interface LocaltunnelServer {
  /** What to pass as the client's `host`. */
  host: string
  /** Public URL of a tunnel id (what the server answers as `url`). */
  urlOf(id: string): string
  ids(): string[]
  /** Tunnel ids the server handed out, in order. */
  assigned: string[]
  /** Open tunnel sockets of a client. */
  socketCount(id: string): number
  /** Drops a tunnel: closes its sockets and port, forgets it and refuses its id from now on. */
  drop(id: string): void
  /** Keeps the tunnel registered but stops answering its public requests (a silent death). */
  silence(id: string): void
  /** Answers every new-tunnel request 403 with this message (null: accept again). */
  refuseNew(message: string | null): void
  close(): Promise<void>
}

export async function startLocaltunnelServer(): Promise<LocaltunnelServer> {
  const clients = new Map<string, Client>()
  const refused = new Set<string>()
  const held = new Set<ServerResponse>()
  const assigned: string[] = []
  let base = ''
  let refusal: string | null = null

  const randomId = (): string => `rnd${randomBytes(5).toString('hex')}`
  const urlOf = (id: string): string => `${base}/t/${id}`

  async function newClient(requested: string | null): Promise<Client> {
    let id = requested ?? randomId()
    if (clients.has(id) || refused.has(id)) id = randomId()
    const sockets = new Set<Socket>()
    const agent = new TunnelAgent()
    const client: Client = {
      id,
      agent,
      server: createNetServer(),
      sockets,
      graceTimer: null,
      silent: false
    }
    const armGrace = (): void => {
      if (client.graceTimer) clearTimeout(client.graceTimer)
      client.graceTimer = setTimeout(() => sockets.size === 0 && remove(client), GRACE_MS)
    }
    client.server.on('connection', (socket) => {
      if (sockets.size >= MAX_SOCKETS) return void socket.destroy()
      sockets.add(socket)
      if (client.graceTimer) clearTimeout(client.graceTimer)
      socket.once('close', () => {
        sockets.delete(socket)
        if (sockets.size === 0) armGrace()
      })
      agent.add(socket)
    })
    await new Promise<void>((resolve) => client.server.listen(0, '127.0.0.1', resolve))
    clients.set(id, client)
    assigned.push(id)
    armGrace()
    return client
  }

  function remove(client: Client): void {
    if (clients.get(client.id) !== client) return
    clients.delete(client.id)
    if (client.graceTimer) clearTimeout(client.graceTimer)
    client.agent.shutdown()
    for (const socket of client.sockets) socket.destroy()
    client.server.close()
  }

  function forward(client: Client, path: string, req: IncomingMessage, res: ServerResponse): void {
    if (client.silent) {
      held.add(res)
      req.resume()
      return
    }
    const upstream = request(
      { agent: client.agent, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('tunnel unavailable')
    })
    req.pipe(upstream)
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const prefixed = /^\/t\/([^/]+)(\/.*)?$/.exec(url.pathname)
    const byHost = /^([a-z0-9-]+)\.[^:]+/.exec(req.headers.host ?? '')?.[1]
    const target = prefixed ? clients.get(prefixed[1]!) : byHost ? clients.get(byHost) : undefined
    if (prefixed || (byHost && target)) {
      if (!target) {
        req.resume()
        res.writeHead(404, { 'content-type': 'text/plain' })
        return void res.end('404')
      }
      const path = prefixed ? `${prefixed[2] ?? '/'}${url.search}` : (req.url ?? '/')
      return forward(target, path, req, res)
    }
    req.resume()
    const wantsNew = url.pathname === '/' && url.searchParams.has('new')
    const requested = url.pathname.slice(1)
    if (req.method !== 'GET' || (!wantsNew && !requested)) {
      res.writeHead(400, { 'content-type': 'application/json' })
      return void res.end('{"message":"expected GET /?new or GET /<subdomain>"}')
    }
    if (refusal !== null) {
      res.writeHead(403, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ message: refusal }))
    }
    if (!wantsNew && !ID_PATTERN.test(requested)) {
      res.writeHead(403, { 'content-type': 'application/json' })
      return void res.end(
        JSON.stringify({
          message:
            'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.'
        })
      )
    }
    void newClient(wantsNew ? null : requested).then((client) => {
      const port = (client.server.address() as AddressInfo).port
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({ id: client.id, port, max_conn_count: MAX_SOCKETS, url: urlOf(client.id) })
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    host: base,
    urlOf,
    ids: () => [...clients.keys()],
    assigned,
    socketCount: (id) => clients.get(id)?.sockets.size ?? 0,
    drop(id) {
      refused.add(id)
      const client = clients.get(id)
      if (client) remove(client)
    },
    silence(id) {
      const client = clients.get(id)
      if (client) client.silent = true
    },
    refuseNew(message) {
      refusal = message
    },
    async close() {
      for (const client of [...clients.values()]) remove(client)
      for (const res of held) res.destroy()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

/**
 * Short tunnel supervisor timings (env) for tests that run the real localtunnel client against this
 * server: probes every 300 ms, quick backoff, an error after three failed opens.
 */
export const FAST_TUNNEL_TIMINGS = {
  TICKBOARD_TUNNEL_PROBE_MS: '300',
  TICKBOARD_TUNNEL_PROBE_RETRY_MS: '100',
  TICKBOARD_TUNNEL_PROBE_TIMEOUT_MS: '1500',
  TICKBOARD_TUNNEL_OPEN_TIMEOUT_MS: '1500',
  TICKBOARD_TUNNEL_BACKOFF_MS: '100',
  TICKBOARD_TUNNEL_BACKOFF_MAX_MS: '800',
  TICKBOARD_TUNNEL_ERROR_AFTER: '3'
}
