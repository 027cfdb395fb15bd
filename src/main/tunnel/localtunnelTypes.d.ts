/** Types for the one internal module of @n8n/localtunnel we subclass (the package types the facade only). */
declare module '@n8n/localtunnel/lib/Tunnel.js' {
  import { EventEmitter } from 'node:events'

  export interface TunnelOptions {
    port: number
    host?: string
    subdomain?: string
    local_host?: string
  }
  export interface TunnelInfo {
    name: string
    url: string
    max_conn: number
  }
  class Tunnel extends EventEmitter {
    constructor(opts: TunnelOptions)
    opts: TunnelOptions & { host: string }
    url?: string
    clientId?: string
    closed: boolean
    _init(cb: (err: Error | null, info?: TunnelInfo) => void): void
    _getInfo(body: unknown): TunnelInfo
    open(cb: (err?: Error) => void): void
    close(): void
  }
  export default Tunnel
}
