import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ZodError } from 'zod'
import type { Route } from '../../../shared/ipc/contract'
import { AppError, ErrorCode, httpStatusOf } from '../../../shared/ipc/errors'
import type { EngineContext } from '../../engine/context'
import { RENDERER_CSP } from '../../headless/apiServer'
import { serveStatic } from '../../headless/staticFiles'

/** The read-only routes the report page needs; nothing else is reachable through this server. */
const PRINT_ROUTES = new Set<Route>([
  'campaigns.get',
  'providers.list',
  'stats.summary',
  'stats.trend',
  'stats.funnel',
  'stats.errors',
  'callbacks.health',
  'system.info'
])

export interface PrintServer {
  /** Address of the report page for one campaign, carrying the one-time token. */
  pageUrl(campaignId: string, paper: 'A4' | 'Letter'): string
  close(): Promise<void>
}

/**
 * A short-lived loopback server for printing: it serves the built renderer and a read-only
 * slice of the API behind a random token, lives for one print job, and is then closed. This
 * works the same whether or not a headless API server runs, and in the desktop app.
 */
export async function startPrintServer(ctx: EngineContext): Promise<PrintServer> {
  const rendererDir = ctx.config.rendererDir
  if (!rendererDir || !existsSync(join(rendererDir, 'index.html')))
    throw new AppError(
      ErrorCode.unavailable,
      'PDF export needs the built renderer (run npm run build:app)'
    )
  const token = randomBytes(24).toString('base64url')
  const expected = Buffer.from(`Bearer ${token}`)
  let port = 0
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      ctx.log('print server request failed', err)
      if (!res.headersSent)
        send(res, 500, { error: { code: 'internal', message: 'Internal error' } })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== `127.0.0.1:${port}`) {
      req.resume()
      return send(res, 421, { error: { code: 'unauthorized', message: 'Unexpected Host' } })
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/api/')) {
      req.resume()
      return serveStatic(rendererDir!, url.pathname, res, RENDERER_CSP)
    }
    const given = Buffer.from(req.headers.authorization ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      req.resume()
      return send(res, 401, { error: { code: 'unauthorized', message: 'Wrong token' } })
    }
    if (url.pathname === '/api/events') {
      // The page subscribes to live events; a print needs none, so hold an empty stream.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      res.write(': print\n\n')
      return
    }
    const route = url.pathname.slice('/api/'.length) as Route
    const body = await readSmallBody(req)
    if (req.method !== 'POST' || !PRINT_ROUTES.has(route))
      return send(res, 404, { error: { code: 'unknown_route', message: 'Not available here' } })
    try {
      const input: unknown = body ? JSON.parse(body) : {}
      return send(res, 200, await ctx.call(route, input as Record<string, unknown>))
    } catch (err) {
      if (err instanceof AppError)
        return send(res, httpStatusOf(err.code), {
          error: { code: err.code, message: err.message }
        })
      if (err instanceof ZodError || err instanceof SyntaxError)
        return send(res, 400, { error: { code: 'invalid_input', message: err.message } })
      throw err
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    pageUrl: (campaignId, paper) =>
      `http://127.0.0.1:${port}/#print=${encodeURIComponent(campaignId)}&paper=${paper}&token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function readSmallBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > 64 * 1024) req.destroy(new Error('request body too large'))
    })
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store'
  })
  res.end(text)
}
