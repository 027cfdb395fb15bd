import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ParsedInput } from '../../shared/ipc/contract'
import type { TunnelUrlChange } from '../../shared/ipc/routes/callbacks'
import { PROBE_PATH, probeSecret } from '../callbacks/probe'
import type { EngineContext } from '../engine/context'
import { createSettingRepo } from '../db/repos/settingRepo'
import { urlOn } from '../http/url'
import { noteTestResult } from '../registration/readiness'
import { DEFAULT_TUNNEL_HOST } from './openTunnel'
import { sendProbe } from './sendProbe'
import { createTunnelSupervisor } from './supervisor'
import { testCallback } from './testCallback'
import { createTunnelStore } from './tunnelStore'

/** Providers whose webhook URL lives in the account (set by hand) vs. sent with each message. */
const PER_ACCOUNT = new Set(['meta', 'gupshup'])
const PER_MESSAGE = new Set(['twilio', 'infobip'])

/**
 * The one-click tunnel. Auto-start: a tunnel the operator switched on and did not switch off is
 * started again when the engine starts, because providers keep retrying callbacks for days (Meta:
 * 7) to the same stable URL; staying off after a restart would silently lose delivery reports.
 */
export function createTunnelService(ctx: EngineContext) {
  const timings = ctx.config.settings.tunnel
  const store = createTunnelStore(ctx.db)
  const secret = probeSecret(createSettingRepo(ctx.db))
  let tunnelUrl: string | null = null

  function describeUrlChange(previousUrl: string | null, url: string): TunnelUrlChange {
    const providers = ctx.providers.list()
    return {
      at: Date.now(),
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

  const supervisor = createTunnelSupervisor({
    store,
    timings,
    localPort: () => Number(new URL(ctx.hooksBase() ?? 'http://127.0.0.1:0').port),
    probe: (publicUrl) => sendProbe(urlOn(publicUrl, PROBE_PATH), secret, timings.probeTimeoutMs),
    setTunnelUrl(url) {
      tunnelUrl = url
      ctx.setTunnelUrl(url)
    },
    emitStatus: (status) => ctx.emit('tunnel.status', status),
    emitUrlChanged: (change) =>
      ctx.emit('tunnel.urlChanged', { previousUrl: change.previousUrl, url: change.url }),
    describeUrlChange,
    log: ctx.log
  })

  return {
    /** Engine start: reopens the tunnel the operator left on (in the background). */
    start(): void {
      const wanted = store.wanted()
      // A fixed public URL (a team server behind its proxy) is where providers call: no tunnel.
      if (wanted && ctx.config.publicUrl) {
        ctx.log(`tunnel: not started, callbacks arrive at --public-url ${ctx.config.publicUrl}`)
        return
      }
      if (wanted)
        void supervisor
          .start(wanted, { auto: true })
          .catch((err: unknown) => ctx.log('tunnel auto-start failed', err))
    },
    /** Engine stop: closes the tunnel but keeps the operator's wish for the next start. */
    stop(): void {
      supervisor.stop('the engine stopped')
    },
    /** The operator's switch: remembered, so the tunnel comes back after a restart. */
    switchOn(input: ParsedInput<'tunnel.start'>) {
      if (ctx.config.publicUrl) throw fixedPublicUrl(ctx.config.publicUrl)
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
      const result = await testCallback(ctx, providerId, tunnelUrl, timings.probeTimeoutMs)
      return noteTestResult(ctx, providerId, result)
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
