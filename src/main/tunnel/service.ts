import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ParsedInput } from '../../shared/ipc/contract'
import type { TunnelUrlChange } from '../../shared/ipc/routes/callbacks'
import { PROBE_PATH, probeSecret } from '../callbacks/probe'
import type { SettingRepo } from '../db/repos/settingRepo'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccounts } from '../providers/providerAccounts'
import { urlOn } from '../http/url'
import { DEFAULT_TUNNEL_HOST } from './openTunnel'
import { sendProbe } from './sendProbe'
import { TunnelSupervisor } from './supervisor'
import { testCallback } from './testCallback'
import type { TunnelStore } from './tunnelStore'

/** Providers whose webhook URL lives in the account (set by hand) vs. sent with each message. */
const PER_ACCOUNT = new Set(['meta', 'gupshup'])
const PER_MESSAGE = new Set(['twilio', 'infobip'])

export interface TunnelServiceDeps {
  store: TunnelStore
  /** Where the per-install probe secret lives (callbacks/probe). */
  settings: SettingRepo
  providers: Pick<ProviderAccounts, 'list' | 'get'>
  /** The callback listener: its loopback and public bases, and the public URL to follow. */
  hooks: {
    hooksBase(): string | null
    publicBase(): string | null
    setTunnelUrl(url: string | null): void
  }
  /** A passed Test callback proves the current URL reaches the app (registration/readiness). */
  noteTestResult<T extends { ok: boolean; url?: string; via: string }>(
    providerId: string,
    result: T
  ): T
}

/**
 * The one-click tunnel. Auto-start: a tunnel the operator switched on and did not switch off is
 * started again when the engine starts, because providers keep retrying callbacks for days (Meta:
 * 7) to the same stable URL; staying off after a restart would silently lose delivery reports.
 */
export function createTunnelService(kernel: Kernel, deps: TunnelServiceDeps) {
  const timings = kernel.config.settings.tunnel
  const { store, hooks } = deps
  const secret = probeSecret(deps.settings)
  let tunnelUrl: string | null = null

  function describeUrlChange(previousUrl: string | null, url: string): TunnelUrlChange {
    const providers = deps.providers.list()
    return {
      at: kernel.clock.now(),
      previousUrl,
      url,
      providersToUpdate: providers
        .filter((p) => PER_ACCOUNT.has(p.type))
        .map((p) => ({
          id: p.id,
          name: p.name,
          type: p.type,
          callbackUrl: urlOn(url, p.callbackPath)
        })),
      followAutomatically: providers
        .filter((p) => PER_MESSAGE.has(p.type))
        .map((p) => ({ id: p.id, name: p.name, type: p.type }))
    }
  }

  const supervisor = new TunnelSupervisor({
    store,
    timings,
    localPort: () => Number(new URL(hooks.hooksBase() ?? 'http://127.0.0.1:0').port),
    probe: (publicUrl) => sendProbe(urlOn(publicUrl, PROBE_PATH), secret, timings.probeTimeoutMs),
    setTunnelUrl(url) {
      tunnelUrl = url
      hooks.setTunnelUrl(url)
    },
    emitStatus: (status) => kernel.emit('tunnel.status', status),
    emitUrlChanged: (change) =>
      kernel.emit('tunnel.urlChanged', { previousUrl: change.previousUrl, url: change.url }),
    describeUrlChange,
    log: kernel.log,
    now: () => kernel.clock.now()
  })

  return {
    /** Engine start: reopens the tunnel the operator left on (in the background). */
    start(): void {
      const wanted = store.wanted()
      // A fixed public URL (a team server behind its proxy) is where providers call: no tunnel.
      if (wanted && kernel.config.publicUrl) {
        kernel.log(
          `tunnel: not started, callbacks arrive at --public-url ${kernel.config.publicUrl}`
        )
        return
      }
      if (wanted)
        void supervisor
          .start(wanted, { auto: true })
          .catch((err: unknown) => kernel.log('tunnel auto-start failed', err))
    },
    /** Engine stop: closes the tunnel but keeps the operator's wish for the next start. */
    stop(): void {
      supervisor.stop('the engine stopped')
    },
    /** The operator's switch: remembered, so the tunnel comes back after a restart. */
    switchOn(input: ParsedInput<'tunnel.start'>) {
      if (kernel.config.publicUrl) throw fixedPublicUrl(kernel.config.publicUrl)
      if (input.host) store.setHost(input.host)
      if (input.subdomain) store.setSubdomain(input.subdomain)
      const target = {
        host: input.host ?? store.host() ?? DEFAULT_TUNNEL_HOST,
        subdomain: input.subdomain ?? store.subdomain()
      }
      store.setWanted(target)
      return supervisor.start(target)
    },
    switchOff() {
      store.clearWanted()
      return supervisor.stop()
    },
    status: () => supervisor.status(),
    async testCallback(providerId: string) {
      const result = await testCallback(
        { providers: deps.providers, secret, ...hooks },
        providerId,
        tunnelUrl,
        timings.probeTimeoutMs
      )
      return deps.noteTestResult(providerId, result)
    }
  }
}
function fixedPublicUrl(url: string): AppError {
  return new AppError(
    ErrorCode.unavailable,
    `This engine has a fixed public URL (${url}): providers send callbacks there, so no tunnel is started`
  )
}

export type TunnelService = ReturnType<typeof createTunnelService>
