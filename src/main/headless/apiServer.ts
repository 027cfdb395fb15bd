import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { httpStatusOf } from '../../shared/ipc/errors'
import type { Engine } from '../engine/createEngine'
import type { Caller } from '../../shared/ipc/roles'
import { readBody, RequestAbortedError } from '../http/body'
import { RENDERER_CSP } from '../http/csp'
import { sendJson } from '../http/respond'
import { serveStatic } from '../http/staticFiles'
import { clientAddress, createSignInLimit, type SignInLimitOptions } from '../http/signInLimit'

export interface ApiServerOptions {
  engine: Engine
  port: number
  /** Loopback address to bind (`--host`); 127.0.0.1 by default. */
  host?: string
  rendererDir: string
  /** Failed sign-ins allowed per client address (default 10 a minute). */
  signInLimit?: SignInLimitOptions
  /** Body limit of the CSV import routes (the CSV travels inside the JSON). */
  maxBodyBytes?: number
  /** Body limit of every other route: their inputs are small. */
  maxSmallBodyBytes?: number
}

// A 64 MiB CSV is ~1M contacts; bigger files are split, so the engine never holds several
// hundred MB of request text at once (body buffer + decoded string + parsed JSON).
const MAX_EVENT_BACKLOG = 1024 * 1024
const DEFAULT_MAX_BODY = 64 * 1024 * 1024
const DEFAULT_SMALL_BODY = 1024 * 1024
const BULK_ROUTES: ReadonlySet<string> = new Set(['contacts.import', 'events.import'])

/**
 * The headless transport of the contract: `POST /api/<route>` with a JSON body, `GET /api/health`,
 * `GET /api/events` (server-sent events), and the built renderer. Bound to 127.0.0.1 only.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { engine, rendererDir } = options
  const { users, audit, reports } = engine.services
  const signIns = createSignInLimit(options.signInLimit)
  // Open event streams per user: a revoked user's are closed at once.
  const userStreams = new Map<string, Set<ServerResponse>>()
  const stopWatchingRevocations = users.onRevoked((userId) => {
    userStreams.get(userId)?.forEach((res) => res.destroy())
    userStreams.delete(userId)
  })
  const maxBulkBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const maxSmallBody = options.maxSmallBodyBytes ?? DEFAULT_SMALL_BODY
  let port = 0
  const streams = new Set<ServerResponse>()
  const requests = trackRequests()
  const server = createServer((req, res) => {
    requests.add(res)
    void handle(req, res).catch((err: unknown) => {
      if (err instanceof RequestAbortedError) return
      engine.kernel.log('api request failed', err)
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'Internal error' } })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding defence: a browser page on another name must not reach the API.
    if (!isLoopbackHost(req.headers.host, port)) {
      req.resume()
      return sendJson(res, 421, {
        error: { code: 'unauthorized', message: 'Unexpected Host header' }
      })
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/api/')) {
      req.resume()
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: { code: 'not_found', message: 'Method not allowed' } })
      return serveStatic(rendererDir, url.pathname, res, RENDERER_CSP)
    }
    if (url.pathname === '/api/health' && req.method === 'GET') {
      req.resume()
      return sendJson(res, 200, { ok: true, version: engine.kernel.config.version })
    }
    // Browser downloads are plain navigations (no bearer header): the one-time token is the key,
    // and it dies with its owner's access.
    if (url.pathname.startsWith('/api/download/') && req.method === 'GET') {
      req.resume()
      return reports.serveDownload(url.pathname.slice('/api/download/'.length), res, (owner) =>
        users.isActive(owner)
      )
    }
    const route = url.pathname.slice('/api/'.length)
    const caller = signIn(req, res, route)
    if (!caller) return
    if (url.pathname === '/api/events' && req.method === 'GET')
      return streamEvents(req, res, caller)
    if (req.method !== 'POST') {
      req.resume()
      return sendJson(res, 405, { error: { code: 'not_found', message: 'Use POST /api/<route>' } })
    }
    const bulk = BULK_ROUTES.has(route)
    const maxBody = bulk ? maxBulkBody : maxSmallBody
    const read = await readBody(req, maxBody)
    if (!read.ok) {
      // Stop the client from streaming the rest of an oversized body into a drained socket.
      res.setHeader('connection', 'close')
      return sendJson(res, 413, {
        error: {
          code: 'invalid_input',
          message: `Request body is larger than ${sizeText(maxBody)}, the limit for ${bulk ? route : 'this route'}${bulk ? ': split the CSV into smaller files' : ''}`
        }
      })
    }
    let input: unknown
    try {
      input = read.body.length ? JSON.parse(read.body.toString('utf8')) : {}
    } catch {
      return sendJson(res, 400, {
        error: { code: 'invalid_input', message: 'Request body is not valid JSON' }
      })
    }
    const result = await engine.invokeAs(caller, route, input)
    if (result.ok) return sendJson(res, 200, result.data)
    sendJson(res, httpStatusOf(result.error.code), { error: result.error })
  }

  /**
   * The user the bearer token belongs to, or null after answering 429 (too many failed sign-ins
   * from this address, and a token not known good from it: not even checked) or 401 (unknown or revoked; recorded as refused).
   */
  function signIn(req: IncomingMessage, res: ServerResponse, route: string): Caller | null {
    const address = clientAddress(req)
    const wait = signIns.retryAfter(address)
    if (wait > 0 && !signIns.knownGood(address, req.headers.authorization)) {
      req.resume()
      res.setHeader('retry-after', String(wait))
      sendJson(res, 429, {
        error: {
          code: 'rate_limited',
          message: `Too many failed sign-ins from this address: try again in ${wait} s`
        }
      })
      return null
    }
    const caller = users.authenticate(req.headers.authorization)
    if (caller) {
      signIns.succeeded(address, req.headers.authorization)
      return caller
    }
    signIns.failed(address)
    audit.record({ caller: null, route, input: null, outcome: 'refused', code: 'unauthorized' })
    req.resume()
    sendJson(res, 401, {
      error: { code: 'unauthorized', message: 'Missing, unknown or revoked bearer token' }
    })
    return null
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse, caller: Caller): void {
    const own = userStreams.get(caller.id) ?? new Set()
    own.add(res)
    userStreams.set(caller.id, own)
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // A reverse proxy (nginx) must pass each event on at once, not buffer the stream.
      'x-accel-buffering': 'no'
    })
    res.write(': connected\n\n')
    streams.add(res)
    const unsubscribe = engine.subscribe((name, payload) => {
      // A client that stopped reading is cut off rather than buffered without limit; the
      // renderer reconnects and refetches what it shows.
      if (res.writableLength > MAX_EVENT_BACKLOG) return void res.destroy()
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    req.on('close', () => {
      streams.delete(res)
      own.delete(res)
      clearInterval(keepAlive)
      unsubscribe()
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve())
  })
  server.once('close', stopWatchingRevocations)
  port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    close: (graceMs) => requests.close(server, streams, graceMs)
  }
}

export interface ApiServer {
  server: Server
  port: number
  /**
   * Stops accepting connections, ends the event streams (clients reconnect to the next process),
   * lets requests in progress finish for up to `graceMs`, then cuts what is left.
   */
  close(graceMs: number): Promise<{ cut: boolean }>
}

/** Requests in progress (event streams included); each leaves the set when its response closes. */
function trackRequests() {
  const active = new Set<ServerResponse>()
  let closing = false
  let drained: (() => void) | null = null
  return {
    add(res: ServerResponse): void {
      active.add(res)
      // A keep-alive socket must not carry another request into a closing server.
      if (closing) res.setHeader('connection', 'close')
      res.once('close', () => {
        active.delete(res)
        if (closing && active.size === 0) drained?.()
      })
    },
    close(
      server: Server,
      streams: Set<ServerResponse>,
      graceMs: number
    ): Promise<{ cut: boolean }> {
      closing = true
      return new Promise((done) => {
        const finish = (cut: boolean): void => {
          clearTimeout(timer)
          drained = null
          server.closeAllConnections()
          done({ cut })
        }
        const timer = setTimeout(() => finish(active.size > 0), graceMs)
        drained = () => finish(false)
        server.close()
        for (const res of streams) res.end()
        for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close')
        server.closeIdleConnections()
        if (active.size === 0) finish(false)
      })
    }
  }
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes} bytes`
}
