import type { TunnelState, TunnelStatus, TunnelUrlChange } from '../../shared/ipc/routes/callbacks'
import type { TunnelTimings } from '../kernel/settings'
import type { TunnelEvent, TunnelTarget } from './tunnelStore'

/** Everything the supervisor knows about the tunnel it keeps: what `tunnel.status` shows. */
export interface TunnelRun {
  state: TunnelState
  url?: string
  error?: string
  target: TunnelTarget | null
  /** Failed attempts in a row (reset once up); decides the backoff and the `error` state. */
  failures: number
  /** Failed self-tests in a row while up; two recreate the tunnel. */
  probeMisses: number
  /** Started again after a restart rather than by the operator. */
  autoStart: boolean
  lastCheckAt?: number
  upSince?: number
  lastRoundTripMs?: number
  nextRetryAt?: number
  urlChange?: TunnelUrlChange
}

export function initialRun(): TunnelRun {
  return { state: 'off', target: null, failures: 0, probeMisses: 0, autoStart: false }
}

/** The run as `tunnel.status` carries it: only the fields that have a value. */
export function statusOf(run: TunnelRun, history: TunnelEvent[]): TunnelStatus {
  return {
    state: run.state,
    ...(run.url ? { url: run.url } : {}),
    ...(run.error ? { error: run.error } : {}),
    ...(run.lastCheckAt ? { lastCheckAt: run.lastCheckAt } : {}),
    ...(run.target ? { host: run.target.host, subdomain: run.target.subdomain } : {}),
    ...(run.upSince && run.state === 'up' ? { upSince: run.upSince } : {}),
    ...(run.lastRoundTripMs !== undefined ? { lastRoundTripMs: run.lastRoundTripMs } : {}),
    ...(run.failures ? { failures: run.failures } : {}),
    ...(run.nextRetryAt ? { nextRetryAt: run.nextRetryAt } : {}),
    ...(run.autoStart ? { autoStart: run.autoStart } : {}),
    ...(run.urlChange ? { urlChange: run.urlChange } : {}),
    history
  }
}

/** Exponential backoff with equal jitter: spreads retries, respects anti-abuse limits. */
export function backoffMs(timings: TunnelTimings, attempt: number, random: () => number): number {
  const ceiling = Math.min(timings.backoffMaxMs, timings.backoffBaseMs * 2 ** (attempt - 1))
  return ceiling / 2 + (random() * ceiling) / 2
}

/** The state after a failure: `error` after too many, else reconnecting (was up) or connecting. */
export function stateAfterFailure(run: TunnelRun, timings: TunnelTimings): TunnelState {
  if (run.failures >= timings.errorAfterFailures) return 'error'
  return run.state === 'up' || run.state === 'reconnecting' ? 'reconnecting' : 'connecting'
}

/** Forgets the attempt in progress (stop, or a start over). */
export function resetAttempts(run: TunnelRun): void {
  run.failures = 0
  run.probeMisses = 0
  run.nextRetryAt = undefined
  run.upSince = undefined
}
