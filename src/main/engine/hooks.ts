import type { Server } from 'node:http'
import { startHooksServer, type HookHandler } from '../callbacks/hooksServer'

/**
 * The callback listener as the services see it: who answers `/hooks/...` (the callback service
 * installs its handler), the tunnel URL (the tunnel service sets it) and the two bases callback
 * URLs are made of. Built once by the composition root and handed to the services that use it.
 */
export interface HookSeam {
  /** Installs the request handler of the callback listener (`/hooks/...` only reaches it); null: 404. */
  setHandler(handler: HookHandler | null): void
  /** Sets (or clears) the public tunnel URL; callback URLs follow it. */
  setTunnelUrl(url: string | null): void
  /** The tunnel URL when up, else `--public-url`, else null. */
  publicBase(): string | null
  /** Loopback base of the callback listener (`http://127.0.0.1:<port>`). */
  hooksBase(): string
  /**
   * What callback URLs are made of: the public base when there is one, else the loopback listener
   * (the Sandbox and tests on this computer). The one place this choice is made.
   */
  callbackBase(): string
}

const noHook: HookHandler = (req, res) => {
  req.resume()
  res.writeHead(404, { 'content-type': 'application/json' })
  res.end('{"error":{"code":"not_found","message":"No such hook"}}')
}

/**
 * Starts the callback listener (404 until a handler is installed) and holds what callback URLs
 * depend on. `close` ends the listener and its open connections.
 */
export async function startHooks(options: {
  port: number
  /** Loopback address of the listener (headless `--host`); 127.0.0.1 by default. */
  host?: string
  /** `--public-url`: the public base when no tunnel is up. */
  publicUrl: string | null
}): Promise<HookSeam & { port: number; close(): Promise<void> }> {
  let handler: HookHandler = noHook
  let tunnelUrl: string | null = null
  const host = options.host ?? '127.0.0.1'
  const { server, port } = await startHooksServer(
    options.port,
    (req, res) => handler(req, res),
    host
  )
  const publicBase = (): string | null => tunnelUrl ?? options.publicUrl
  const hooksBase = (): string => `http://${urlHost(host)}:${port}`
  return {
    port,
    setHandler: (next) => (handler = next ?? noHook),
    setTunnelUrl: (url) => (tunnelUrl = url),
    publicBase,
    hooksBase,
    callbackBase: () => publicBase() ?? hooksBase(),
    close: () => closeServer(server)
  }
}

/** An address as URLs write it (IPv6 in brackets). */
function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
