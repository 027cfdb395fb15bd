import type Tunnel from '@n8n/localtunnel/lib/Tunnel.js'
import type { TunnelState, TunnelStatus, TunnelUrlChange } from '../../shared/ipc/routes/callbacks'
import type { TunnelTimings } from '../kernel/settings'
import { discardTunnel, openTunnel } from './openTunnel'
import type { ProbeResult } from './sendProbe'
import {
  backoffMs,
  initialRun,
  resetAttempts,
  stateAfterFailure,
  statusOf,
  type TunnelRun
} from './tunnelRun'
import type { TunnelStore, TunnelTarget } from './tunnelStore'

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
  /** The engine's clock: the times of the history, the status and the URL change. */
  now: () => number
}

/**
 * One tunnel, kept alive: open → self-test through the public URL → up; probe every interval;
 * on a client error, an unexpected close or two failed probes in a row, recreate it with
 * exponential backoff and jitter. Every callback from an old client or probe carries its
 * generation and is ignored once that generation is over, so late events cannot revive it.
 * What `tunnel.status` shows is `run` (tunnelRun.ts); the other fields drive the attempts.
 */
export class TunnelSupervisor {
  private readonly deps: SupervisorDeps
  private readonly now: () => number
  private readonly random: () => number
  private run: TunnelRun = initialRun()
  private client: Tunnel | null = null
  /** The attempt in progress; callbacks of an earlier one are ignored. */
  private generation = 0
  private timer: NodeJS.Timeout | null = null
  /** Waiters of `start` (its first attempt settling). */
  private readonly settled = new Set<() => void>()

  constructor(deps: SupervisorDeps) {
    this.deps = deps
    this.now = deps.now
    this.random = deps.random ?? Math.random
  }

  status(): TunnelStatus {
    return statusOf(this.run, this.deps.store.history())
  }

  /**
   * Starts (or keeps) the tunnel and waits, bounded, for the first attempt to settle so the
   * answer carries the URL or the reason it failed. Retries continue in the background.
   */
  async start(next: TunnelTarget, options: { auto?: boolean } = {}): Promise<TunnelStatus> {
    const run = this.run
    const same = run.target?.host === next.host && run.target.subdomain === next.subdomain
    if (run.state === 'up' && same) return this.status()
    // Not up (or another server): start over now instead of waiting out the backoff.
    if (run.state !== 'off') this.halt()
    run.target = next
    run.autoStart = options.auto ?? false
    run.urlChange = undefined
    const gen = ++this.generation
    this.transition('connecting', {
      reason: options.auto ? 'started again after a restart' : 'started'
    })
    const { timings } = this.deps
    const limit = timings.openTimeoutMs + 2 * timings.probeTimeoutMs + timings.probeRetryMs
    const firstAttempt = new Promise<void>((resolve) => {
      const bound = setTimeout(finish, limit)
      bound.unref?.()
      const settled = this.settled
      function finish(): void {
        clearTimeout(bound)
        settled.delete(finish)
        resolve()
      }
      settled.add(finish)
    })
    this.guard(gen, this.connect(gen))
    await firstAttempt
    return this.status()
  }

  /** Operator's stop: off until started again. */
  stop(reason = 'stopped by the operator'): TunnelStatus {
    if (this.run.state !== 'off') {
      this.halt()
      this.run.urlChange = undefined
      this.run.autoStart = false
      this.transition('off', { reason })
    }
    return this.status()
  }

  /** Moves to a new state; history and the `tunnel.status` event only on a real change. */
  private transition(
    next: TunnelState,
    change: { url?: string; error?: string; reason?: string }
  ): void {
    const run = this.run
    const changed = next !== run.state || change.url !== run.url || change.error !== run.error
    const stateOrUrlChanged = next !== run.state || change.url !== run.url
    run.state = next
    run.url = change.url
    run.error = change.error
    if (stateOrUrlChanged)
      this.deps.store.record({
        at: this.now(),
        state: next,
        url: run.url,
        reason: change.reason ?? run.error
      })
    if (changed) this.safeEmit(() => this.deps.emitStatus(this.status()))
    if (next !== 'connecting') this.settleWaiters()
  }

  private settleWaiters(): void {
    for (const done of [...this.settled]) done()
  }

  private safeEmit(fn: () => void): void {
    try {
      fn()
    } catch (err) {
      this.deps.log('tunnel: an event listener failed', err)
    }
  }

  private schedule(fn: () => void, delayMs: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      fn()
    }, delayMs)
    this.timer.unref?.()
  }

  /** Anything a step throws (store, listeners) becomes a failure to retry, never a crash. */
  private guard(gen: number, step: Promise<void>): void {
    step.catch((err: unknown) => {
      this.deps.log('tunnel: unexpected failure', err)
      this.fail(gen, `unexpected: ${err instanceof Error ? err.message : String(err)}`)
    })
  }

  private dropClient(): void {
    const old = this.client
    this.client = null
    discardTunnel(old)
  }

  private async connect(gen: number): Promise<void> {
    const target = this.run.target
    if (gen !== this.generation || !target) return
    const opened = openTunnel({
      localPort: this.deps.localPort(),
      host: target.host,
      subdomain: target.subdomain,
      timeoutMs: this.deps.timings.openTimeoutMs
    })
    this.client = opened.tunnel
    opened.tunnel.on('error', (err: Error) =>
      this.fail(gen, `tunnel client error: ${err?.message ?? String(err)}`)
    )
    opened.tunnel.on('close', () => this.fail(gen, 'the tunnel client closed'))
    let publicUrl: string
    try {
      publicUrl = await opened.ready
    } catch (err) {
      return this.fail(gen, `could not open a tunnel at ${target.host}: ${(err as Error).message}`)
    }
    if (gen !== this.generation) return
    if (!publicUrl) return this.fail(gen, 'the tunnel server assigned no public URL')
    this.run.probeMisses = 0
    await this.check(gen, publicUrl)
  }

  private async check(gen: number, publicUrl: string): Promise<void> {
    let result: ProbeResult
    try {
      result = await this.deps.probe(publicUrl)
    } catch (err) {
      result = { ok: false, roundTripMs: null, error: (err as Error).message }
    }
    if (gen !== this.generation) return
    const run = this.run
    const { timings } = this.deps
    run.lastCheckAt = this.now()
    if (!result.ok) {
      run.probeMisses++
      const reason = `self-test through ${publicUrl} failed: ${result.error}`
      // One miss may be a slow public server: re-check soon; recreating costs the subdomain.
      if (run.probeMisses < 2)
        return this.schedule(
          () => this.guard(gen, this.check(gen, publicUrl)),
          timings.probeRetryMs
        )
      return this.fail(gen, reason)
    }
    run.probeMisses = 0
    run.lastRoundTripMs = result.roundTripMs
    if (run.state !== 'up' || run.url !== publicUrl) this.becomeUp(publicUrl)
    this.schedule(() => this.guard(gen, this.check(gen, publicUrl)), timings.probeIntervalMs)
  }

  private becomeUp(publicUrl: string): void {
    const { store } = this.deps
    const run = this.run
    run.failures = 0
    run.nextRetryAt = undefined
    run.upSince = this.now()
    const previous = store.lastUrl()
    store.setLastUrl(publicUrl)
    this.deps.setTunnelUrl(publicUrl)
    const changed = previous !== null && previous !== publicUrl
    if (changed) {
      run.urlChange = this.deps.describeUrlChange(previous, publicUrl)
      this.deps.log(`tunnel: the public URL changed from ${previous} to ${publicUrl}`)
    }
    this.transition('up', { url: publicUrl, reason: 'self-test through the public URL passed' })
    const change = run.urlChange
    if (changed && change) this.safeEmit(() => this.deps.emitUrlChanged(change))
  }

  private fail(gen: number, reason: string): void {
    const run = this.run
    if (gen !== this.generation || run.state === 'off') return
    const retryGen = ++this.generation
    this.dropClient()
    // The public URL stays set while reconnecting: per-message providers (Twilio, Infobip) then
    // keep getting the URL that most likely comes back (stable subdomain) instead of none at all.
    run.failures++
    const delay = backoffMs(this.deps.timings, run.failures, this.random)
    run.nextRetryAt = this.now() + delay
    const next = stateAfterFailure(run, this.deps.timings)
    this.deps.log(`tunnel: ${reason}; retrying in ${Math.round(delay)} ms`)
    this.transition(next, { url: run.url, error: reason, reason })
    // 'connecting' does not settle a waiting start(): settle explicitly after the first failure.
    this.settleWaiters()
    this.schedule(() => this.guard(retryGen, this.connect(retryGen)), delay)
  }

  private halt(): void {
    this.generation++
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.dropClient()
    this.deps.setTunnelUrl(null)
    resetAttempts(this.run)
    this.settleWaiters()
  }
}
