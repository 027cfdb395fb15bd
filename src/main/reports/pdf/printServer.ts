import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ZodError } from 'zod'
import { AppError, ErrorCode, httpStatusOf } from '../../../shared/ipc/errors'
import type { Kernel } from '../../kernel/kernel'
import { PRINT_ROUTES, type PrintRoute, type ReportSources } from '../sources'
import { serveStatic } from '../../http/staticFiles'
import { bearerMatches } from '../../http/auth'
import { readBody } from '../../http/body'
import { RENDERER_CSP } from '../../http/csp'
import { sendJson as send } from '../../http/respond'

// The page only reads: its requests are a few hundred bytes.
const MAX_BODY_BYTES = 64 * 1024
const PRINTABLE = new Set<string>(PRINT_ROUTES)

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
export async function startPrintServer(
  kernel: Kernel,
  printRoute: ReportSources['printRoute']
): Promise<PrintServer> {
  const rendererDir = kernel.config.rendererDir
  if (!rendererDir || !existsSync(join(rendererDir, 'index.html')))
    throw new AppError(
      ErrorCode.unavailable,
      'PDF export needs the built renderer (run npm run build:app)'
    )
  const token = randomBytes(24).toString('base64url')
  let port = 0
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      kernel.log('print server request failed', err)
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
    if (!bearerMatches(req.headers.authorization, token)) {
      req.resume()
      return send(res, 401, { error: { code: 'unauthorized', message: 'Wrong token' } })
    }
    if (url.pathname === '/api/events') {
      // The page subscribes to live events; a print needs none, so hold an empty stream.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      res.write(': print\n\n')
      return
    }
    const route = url.pathname.slice('/api/'.length)
    const read = await readBody(req, MAX_BODY_BYTES)
    if (req.method !== 'POST' || !PRINTABLE.has(route))
      return send(res, 404, { error: { code: 'unknown_route', message: 'Not available here' } })
    if (!read.ok)
      return send(res, 413, { error: { code: 'invalid_input', message: 'Request body too large' } })
    try {
      const input: unknown = read.body.length ? JSON.parse(read.body.toString('utf8')) : {}
      return send(res, 200, await printRoute(route as PrintRoute, input))
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
