import type Tunnel from '@n8n/localtunnel/lib/Tunnel.js'
import type { TunnelState, TunnelStatus, TunnelUrlChange } from '../../shared/ipc/routes/callbacks'
import { discardTunnel, openTunnel } from './openTunnel'
import type { ProbeResult } from './sendProbe'
import type { TunnelStore, TunnelTarget } from './tunnelStore'
import type { TunnelTimings } from '../kernel/settings'

export interface SupervisorDeps {
  store: TunnelStore
  timings: TunnelTimings
  /** Port of the loopback callback listener the tunnel forwards to. */
  localPort(): number
  /** Signed end-to-end self-test of `<publicUrl>/hooks/probe`. */
  probe(publicUrl: string): Promise<ProbeResult>
  setTunnelUrl(url: string | null): void
  emitStatus(status: TunnelStatus): void
  emitUrlChanged(change: TunnelUrlChange): void
  /** Which providers must be updated by hand for a new public URL, and which follow. */
  describeUrlChange(previousUrl: string | null, url: string): TunnelUrlChange
  log(message: string, err?: unknown): void
  random?: () => number
  now?: () => number
}

/**
 * One tunnel, kept alive: open → self-test through the public URL → up; probe every interval;
 * on a client error, an unexpected close or two failed probes in a row, recreate it with
 * exponential backoff and jitter. Every callback from an old client or probe carries its
 * generation and is ignored once that generation is over, so late events cannot revive it.
 */
export function createTunnelSupervisor(deps: SupervisorDeps) {
  const { store, timings } = deps
  const now = deps.now ?? Date.now
  const random = deps.random ?? Math.random
  let state: TunnelState = 'off'
  let url: string | undefined
  let error: string | undefined
  let target: TunnelTarget | null = null
  let client: Tunnel | null = null
  let generation = 0
  let timer: NodeJS.Timeout | null = null
  let failures = 0
  let probeMisses = 0
  let autoStart = false
  let lastCheckAt: number | undefined
  let upSince: number | undefined
  let lastRoundTripMs: number | undefined
  let nextRetryAt: number | undefined
  let urlChange: TunnelUrlChange | undefined
  const settled = new Set<() => void>()

  function status(): TunnelStatus {
    return {
      state,
      ...(url ? { url } : {}),
      ...(error ? { error } : {}),
      ...(lastCheckAt ? { lastCheckAt } : {}),
      ...(target ? { host: target.host, subdomain: target.subdomain } : {}),
      ...(upSince && state === 'up' ? { upSince } : {}),
      ...(lastRoundTripMs !== undefined ? { lastRoundTripMs } : {}),
      ...(failures ? { failures } : {}),
      ...(nextRetryAt ? { nextRetryAt } : {}),
      ...(autoStart ? { autoStart } : {}),
      ...(urlChange ? { urlChange } : {}),
      history: store.history()
    }
  }

  /** Moves to a new state; history and the `tunnel.status` event only on a real change. */
  function transition(
    next: TunnelState,
    change: { url?: string; error?: string; reason?: string }
  ) {
    const changed = next !== state || change.url !== url || change.error !== error
    const stateOrUrlChanged = next !== state || change.url !== url
    state = next
    url = change.url
    error = change.error
    if (stateOrUrlChanged) store.record({ at: now(), state, url, reason: change.reason ?? error })
    if (changed) safeEmit(() => deps.emitStatus(status()))
    if (next !== 'connecting') settleWaiters()
  }

  function settleWaiters(): void {
    for (const done of [...settled]) done()
  }

  function safeEmit(fn: () => void): void {
    try {
      fn()
    } catch (err) {
      deps.log('tunnel: an event listener failed', err)
    }
  }

  function schedule(fn: () => void, delayMs: number): void {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      fn()
    }, delayMs)
    timer.unref?.()
  }

  /** Anything a step throws (store, listeners) becomes a failure to retry, never a crash. */
  function guard(gen: number, step: Promise<void>): void {
    step.catch((err: unknown) => {
      deps.log('tunnel: unexpected failure', err)
      fail(gen, `unexpected: ${err instanceof Error ? err.message : String(err)}`)
    })
  }

  function dropClient(): void {
    const old = client
    client = null
    discardTunnel(old)
  }

  async function connect(gen: number): Promise<void> {
    if (gen !== generation || !target) return
    const opened = openTunnel({
      localPort: deps.localPort(),
      host: target.host,
      subdomain: target.subdomain,
      timeoutMs: timings.openTimeoutMs
    })
    client = opened.tunnel
    opened.tunnel.on('error', (err: Error) =>
      fail(gen, `tunnel client error: ${err?.message ?? String(err)}`)
    )
    opened.tunnel.on('close', () => fail(gen, 'the tunnel client closed'))
    let publicUrl: string
    try {
      publicUrl = await opened.ready
    } catch (err) {
      return fail(gen, `could not open a tunnel at ${target.host}: ${(err as Error).message}`)
    }
    if (gen !== generation) return
    if (!publicUrl) return fail(gen, 'the tunnel server assigned no public URL')
    probeMisses = 0
    await check(gen, publicUrl)
  }

  async function check(gen: number, publicUrl: string): Promise<void> {
    let result: ProbeResult
    try {
      result = await deps.probe(publicUrl)
    } catch (err) {
      result = { ok: false, roundTripMs: null, error: (err as Error).message }
    }
    if (gen !== generation) return
    lastCheckAt = now()
    if (!result.ok) {
      probeMisses++
      const reason = `self-test through ${publicUrl} failed: ${result.error}`
      // One miss may be a slow public server: re-check soon; recreating costs the subdomain.
      if (probeMisses < 2)
        return schedule(() => guard(gen, check(gen, publicUrl)), timings.probeRetryMs)
      return fail(gen, reason)
    }
    probeMisses = 0
    lastRoundTripMs = result.roundTripMs
    if (state !== 'up' || url !== publicUrl) becomeUp(publicUrl)
    schedule(() => guard(gen, check(gen, publicUrl)), timings.probeIntervalMs)
  }

  function becomeUp(publicUrl: string): void {
    failures = 0
    nextRetryAt = undefined
    upSince = now()
    const previous = store.lastUrl()
    store.setLastUrl(publicUrl)
    deps.setTunnelUrl(publicUrl)
    const changed = previous !== null && previous !== publicUrl
    if (changed) {
      urlChange = deps.describeUrlChange(previous, publicUrl)
      deps.log(`tunnel: the public URL changed from ${previous} to ${publicUrl}`)
    }
    transition('up', { url: publicUrl, reason: 'self-test through the public URL passed' })
    const change = urlChange
    if (changed && change) safeEmit(() => deps.emitUrlChanged(change))
  }

  function fail(gen: number, reason: string): void {
    if (gen !== generation || state === 'off') return
    generation++
    const retryGen = generation
    dropClient()
    // The public URL stays set while reconnecting: per-message providers (Twilio, Infobip) then
    // keep getting the URL that most likely comes back (stable subdomain) instead of none at all.
    failures++
    const delay = backoffMs(failures)
    nextRetryAt = now() + delay
    const wasUp = state === 'up' || state === 'reconnecting'
    const next: TunnelState =
      failures >= timings.errorAfterFailures ? 'error' : wasUp ? 'reconnecting' : 'connecting'
    deps.log(`tunnel: ${reason}; retrying in ${Math.round(delay)} ms`)
    transition(next, { url, error: reason, reason })
    // 'connecting' does not settle a waiting start(): settle explicitly after the first failure.
    settleWaiters()
    schedule(() => guard(retryGen, connect(retryGen)), delay)
  }

  /** Exponential backoff with equal jitter: spreads retries, respects anti-abuse limits. */
  function backoffMs(attempt: number): number {
    const ceiling = Math.min(timings.backoffMaxMs, timings.backoffBaseMs * 2 ** (attempt - 1))
    return ceiling / 2 + (random() * ceiling) / 2
  }

  function halt(): void {
    generation++
    if (timer) clearTimeout(timer)
    timer = null
    dropClient()
    deps.setTunnelUrl(null)
    failures = 0
    probeMisses = 0
    nextRetryAt = undefined
    upSince = undefined
    settleWaiters()
  }

  return {
    status,
    /**
     * Starts (or keeps) the tunnel and waits, bounded, for the first attempt to settle so the
     * answer carries the URL or the reason it failed. Retries continue in the background.
     */
    async start(next: TunnelTarget, options: { auto?: boolean } = {}): Promise<TunnelStatus> {
      const same = target?.host === next.host && target.subdomain === next.subdomain
      if (state === 'up' && same) return status()
      // Not up (or another server): start over now instead of waiting out the backoff.
      if (state !== 'off') halt()
      target = next
      autoStart = options.auto ?? false
      urlChange = undefined
      const gen = ++generation
      transition('connecting', {
        reason: options.auto ? 'started again after a restart' : 'started'
      })
      const limit = timings.openTimeoutMs + 2 * timings.probeTimeoutMs + timings.probeRetryMs
      const firstAttempt = new Promise<void>((resolve) => {
        const bound = setTimeout(finish, limit)
        bound.unref?.()
        function finish(): void {
          clearTimeout(bound)
          settled.delete(finish)
          resolve()
        }
        settled.add(finish)
      })
      guard(gen, connect(gen))
      await firstAttempt
      return status()
    },
    /** Operator's stop: off until started again. */
    stop(reason = 'stopped by the operator'): TunnelStatus {
      if (state !== 'off') {
        halt()
        urlChange = undefined
        autoStart = false
        transition('off', { reason })
      }
      return status()
    }
  }
}
export type TunnelSupervisor = ReturnType<typeof createTunnelSupervisor>
