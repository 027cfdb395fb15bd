import Tunnel, { type TunnelInfo, type TunnelOptions } from '@n8n/localtunnel/lib/Tunnel.js'
import { trimTrailingSlash } from '../http/url'

export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me'

/**
 * localtunnel's client with ONE bounded request for the tunnel info. The library retries that
 * request every second forever with no timeout (even after close), so every recreation while the
 * server is down would leak another endless loop; here a failure rejects and the supervisor backs off.
 */
class BoundedTunnel extends Tunnel {
  constructor(
    opts: TunnelOptions,
    private readonly timeoutMs: number
  ) {
    super(opts)
    // An EventEmitter 'error' without a listener throws: client errors must never crash the engine.
    this.on('error', () => undefined)
  }

  override _init(cb: (err: Error | null, info?: TunnelInfo) => void): void {
    const base = trimTrailingSlash(this.opts.host)
    const uri = `${base}/${this.opts.subdomain ?? '?new'}`
    fetchInfo(uri, this.timeoutMs).then(
      (body) => {
        if (this.closed) return cb(new Error('the tunnel was closed while opening'))
        let info: TunnelInfo
        try {
          info = this._getInfo(body)
        } catch (err) {
          return cb(asError(err))
        }
        try {
          cb(null, info)
        } catch (err) {
          this.emit('error', asError(err))
        }
      },
      (err: unknown) => cb(asError(err))
    )
  }
}

async function fetchInfo(uri: string, timeoutMs: number): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(uri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs)
    })
  } catch (err) {
    const e = asError(err)
    if (e.name === 'TimeoutError')
      throw new Error(`the tunnel server did not answer in ${timeoutMs} ms`)
    throw new Error(`the tunnel server is unreachable (${causeOf(e)})`)
  }
  const body = (await res.json().catch(() => null)) as {
    message?: unknown
    url?: unknown
    port?: unknown
  } | null
  if (!res.ok) {
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`
    throw new Error(`the tunnel server refused: ${message}`)
  }
  if (!body || typeof body.url !== 'string' || typeof body.port !== 'number')
    throw new Error(
      'the tunnel server answered without a url and port: is this a localtunnel server?'
    )
  return body
}

export interface OpenedTunnel {
  /** The client, returned at once so listeners are attached before anything can fail. */
  tunnel: Tunnel
  /** The public URL the server assigned; resolves before the tunnel sockets are connected. */
  ready: Promise<string>
}

export function openTunnel(options: {
  localPort: number
  host: string
  subdomain?: string
  timeoutMs: number
}): OpenedTunnel {
  const tunnel = new BoundedTunnel(
    {
      port: options.localPort,
      host: options.host,
      subdomain: options.subdomain,
      // The callback listener binds 127.0.0.1: 'localhost' may resolve to ::1 and miss it.
      local_host: '127.0.0.1'
    },
    options.timeoutMs
  )
  const ready = new Promise<string>((resolve, reject) => {
    try {
      tunnel.open((err) => (err ? reject(asError(err)) : resolve(tunnel.url ?? '')))
    } catch (err) {
      reject(asError(err))
    }
  })
  return { tunnel, ready }
}

/** Closes a client, swallowing anything it throws: it is being discarded. */
export function discardTunnel(tunnel: Tunnel | null): void {
  try {
    tunnel?.close()
  } catch {
    // Nothing useful to do: the client is gone either way.
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

function causeOf(err: Error): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? err.message
}
