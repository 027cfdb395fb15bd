import { randomBytes } from 'node:crypto'
import type { TunnelState } from '../../shared/ipc/routes/callbacks'
import type { SettingRepo } from '../db/repos/settingRepo'
import type { TunnelEventRepo } from '../db/repos/tunnelEventRepo'

const KEY = {
  subdomain: 'tunnel_subdomain',
  wanted: 'tunnel_wanted',
  lastUrl: 'tunnel_last_url',
  host: 'tunnel_host'
} as const
/** History rows kept; older ones are deleted on insert so the table stays small forever. */
const HISTORY_LIMIT = 500

export interface TunnelTarget {
  host: string
  subdomain: string
}
export interface TunnelEvent {
  at: number
  state: TunnelState
  url?: string
  reason?: string
}

/** The tunnel's persistent bits: stable subdomain, whether it should run, last URL, history. */
export function createTunnelStore(settings: SettingRepo, events: TunnelEventRepo) {
  return {
    /** Generated once per install: the URL survives restarts where the server grants it. */
    subdomain(): string {
      const existing = settings.get(KEY.subdomain)
      if (existing) return existing
      const made = `tb${randomBytes(10).toString('hex').slice(0, 14)}`
      settings.set(KEY.subdomain, made)
      return made
    },
    setSubdomain: (subdomain: string) => void settings.set(KEY.subdomain, subdomain),
    /** The tunnel the operator switched on and did not switch off (auto-start after restart). */
    wanted(): TunnelTarget | null {
      const raw = settings.get(KEY.wanted)
      if (!raw) return null
      try {
        const parsed = JSON.parse(raw) as Partial<TunnelTarget>
        return typeof parsed.host === 'string' && typeof parsed.subdomain === 'string'
          ? { host: parsed.host, subdomain: parsed.subdomain }
          : null
      } catch {
        return null
      }
    },
    /** The operator's tunnel server (self-hosted), kept across stop/start; null = public server. */
    host: (): string | null => settings.get(KEY.host),
    setHost: (host: string) => void settings.set(KEY.host, host),
    setWanted: (target: TunnelTarget) => void settings.set(KEY.wanted, JSON.stringify(target)),
    clearWanted: () => void settings.delete(KEY.wanted),
    /** The last public URL seen up: a different one later means providers must be updated. */
    lastUrl: (): string | null => settings.get(KEY.lastUrl),
    setLastUrl: (url: string) => void settings.set(KEY.lastUrl, url),
    record(event: TunnelEvent): void {
      events.add(
        { at: event.at, state: event.state, url: event.url ?? null, reason: event.reason ?? null },
        HISTORY_LIMIT
      )
    },
    history(limit = 30): TunnelEvent[] {
      return events.recent(limit).map((r) => ({
        at: r.at,
        state: r.state,
        ...(r.url ? { url: r.url } : {}),
        ...(r.reason ? { reason: r.reason } : {})
      }))
    }
  }
}
export type TunnelStore = ReturnType<typeof createTunnelStore>
