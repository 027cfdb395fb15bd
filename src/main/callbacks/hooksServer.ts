import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type HookHandler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * The callback listener: its own node:http server on 127.0.0.1 (the tunnel connects locally).
 * It serves only `/hooks/...`; the operator API is never reachable here.
 */
export async function startHooksServer(
  port: number,
  handleHook: HookHandler,
  host = '127.0.0.1'
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (!path.startsWith('/hooks/')) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"error":{"code":"not_found","message":"Only /hooks/... is served on this port"}}')
      req.resume()
      return
    }
    handleHook(req, res)
  })
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return { server, port: (server.address() as AddressInfo).port }
}
