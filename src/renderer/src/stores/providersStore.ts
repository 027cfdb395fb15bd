import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import type { CallbackHealth, TunnelStatus } from '../../../shared/ipc/routes/callbacks'
import type { ProviderInput, ProviderView } from '../../../shared/ipc/routes/providers'
import { fieldErrors, type FieldErrors } from '../../../shared/domain/providerForm'
import { api } from '../lib/api'
import { errorMessage, ErrorCode, hasCode } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'

export type CallbackTest = Output<'callbacks.test'>
export type ConnectionTest = Output<'providers.testConnection'>

export type { FieldErrors }

export interface SaveResult {
  ok: boolean
  message?: string
  fields?: FieldErrors
}

interface ProvidersState {
  providers: ProviderView[]
  loaded: boolean
  error: string | null
  tunnel: TunnelStatus
  tunnelBusy: boolean
  tunnelError: string | null
  /** Set by `tunnel.urlChanged`; the banner stays until the operator dismisses that URL. */
  urlChanged: { previousUrl: string | null; url: string } | null
  dismissedUrl: string | null
  health: Record<string, CallbackHealth | { error: string }>
  tests: Record<string, { running: boolean; result?: CallbackTest; error?: string }>
  /** "Test connection" per account: a cheap documented read of the provider. */
  connections: Record<string, { running: boolean; result?: ConnectionTest; error?: string }>
  load(): Promise<void>
  testConnection(providerId: string): Promise<void>
  loadHealth(providerId: string): Promise<void>
  create(input: ProviderInput): Promise<SaveResult>
  update(id: string, name: string, config: Record<string, unknown>): Promise<SaveResult>
  startTunnel(host?: string): Promise<void>
  stopTunnel(): Promise<void>
  testCallback(providerId: string): Promise<void>
  applyTunnelStatus(status: TunnelStatus): void
  applyUrlChanged(change: { previousUrl: string | null; url: string }): void
  dismissUrlChange(): void
}

/**
 * The one tunnel status every screen reads: the pill, its error and (through `tunnelKey`) whether
 * the readiness shown was computed for this same status, so they never disagree.
 */
export const tunnelKey = (t: TunnelStatus): string => `${t.state}|${t.url ?? ''}`

export function selectTunnelView(s: ProvidersState) {
  return {
    state: s.tunnel.state,
    key: tunnelKey(s.tunnel),
    /** The tunnel's own failure while it is not up, else a failed start/stop call. */
    error: (s.tunnel.state !== 'up' ? s.tunnel.error : null) ?? s.tunnelError ?? null
  }
}

const baseTitle = typeof document === 'undefined' ? 'Tickboard' : document.title || 'Tickboard'

// The list is read again on every tunnel URL change and after each save, and the tunnel status
// also comes by event and from start and stop: an answer overtaken by a newer one, or by an
// event, is dropped (see latestAnswers). Callback health is a slot per account.
const answers = latestAnswers<string>()

export const useProvidersStore = create<ProvidersState>()((set, get) => ({
  providers: [],
  loaded: false,
  error: null,
  tunnel: { state: 'off' },
  tunnelBusy: false,
  tunnelError: null,
  urlChanged: null,
  dismissedUrl: null,
  health: {},
  tests: {},
  connections: {},
  async testConnection(providerId) {
    const put = (v: ProvidersState['connections'][string]) =>
      set((s) => ({ connections: { ...s.connections, [providerId]: v } }))
    put({ running: true })
    try {
      put({
        running: false,
        result: await api.invoke('providers.testConnection', { id: providerId })
      })
    } catch (err) {
      put({ running: false, error: errorMessage(err) })
    }
  },
  async load() {
    const freshList = answers.ask('list')
    const freshTunnel = answers.ask('tunnel')
    try {
      const [list, tunnel] = await Promise.all([
        api.invoke('providers.list', {}),
        api.invoke('tunnel.status', {})
      ])
      if (!freshList()) return
      set({ providers: list.providers, loaded: true, error: null })
      if (freshTunnel()) set({ tunnel })
    } catch (err) {
      if (freshList()) set({ loaded: true, error: errorMessage(err) })
    }
  },
  async loadHealth(providerId) {
    const fresh = answers.ask(`health:${providerId}`)
    try {
      const health = await api.invoke('callbacks.health', { providerId })
      if (fresh()) set((s) => ({ health: { ...s.health, [providerId]: health } }))
    } catch (err) {
      const error = errorMessage(err)
      if (fresh()) set((s) => ({ health: { ...s.health, [providerId]: { error } } }))
    }
  },
  async create(input) {
    return save(async () => {
      await api.invoke('providers.create', input)
    }, get().load)
  },
  async update(id, name, config) {
    return save(async () => {
      await api.invoke('providers.update', { id, name, config })
    }, get().load)
  },
  async startTunnel(host) {
    set({ tunnelBusy: true, tunnelError: null })
    const fresh = answers.ask('tunnel')
    try {
      const tunnel = await api.invoke('tunnel.start', host ? { host } : {})
      set({ ...(fresh() ? { tunnel } : {}), tunnelBusy: false })
      await get().load()
    } catch (err) {
      set({ tunnelBusy: false, tunnelError: errorMessage(err) })
    }
  },
  async stopTunnel() {
    set({ tunnelBusy: true, tunnelError: null })
    const fresh = answers.ask('tunnel')
    try {
      const tunnel = await api.invoke('tunnel.stop', {})
      set({ ...(fresh() ? { tunnel } : {}), tunnelBusy: false, urlChanged: null })
      await get().load()
    } catch (err) {
      set({ tunnelBusy: false, tunnelError: errorMessage(err) })
    }
  },
  async testCallback(providerId) {
    set((s) => ({ tests: { ...s.tests, [providerId]: { running: true } } }))
    try {
      const result = await api.invoke('callbacks.test', { providerId })
      set((s) => ({ tests: { ...s.tests, [providerId]: { running: false, result } } }))
    } catch (err) {
      const error = errorMessage(err)
      set((s) => ({ tests: { ...s.tests, [providerId]: { running: false, error } } }))
    }
  },
  applyTunnelStatus(status) {
    const before = get().tunnel
    answers.overrule('tunnel')
    set({ tunnel: status })
    // Callback URLs follow the tunnel URL: refresh them when it appears, changes or goes.
    if (before.url !== status.url) void get().load()
  },
  applyUrlChanged(change) {
    set({ urlChanged: change })
    // Loud on every page: the window title says it until the operator confirms the update.
    document.title = `⚠ Callback URL changed · ${baseTitle}`
  },
  dismissUrlChange() {
    const s = get()
    set({ urlChanged: null, dismissedUrl: s.tunnel.urlChange?.url ?? s.urlChanged?.url ?? null })
    document.title = baseTitle
  }
}))

async function save(run: () => Promise<void>, reload: () => Promise<void>): Promise<SaveResult> {
  try {
    await run()
    await reload()
    return { ok: true }
  } catch (err) {
    if (hasCode(err, ErrorCode.invalidInput))
      return { ok: false, message: err.message, fields: fieldErrors(err.details) }
    return { ok: false, message: errorMessage(err) }
  }
}
