/** How often and how patiently the supervisor works; tests shorten these through the environment. */
export interface TunnelTimings {
  probeIntervalMs: number
  /** Re-check delay after one failed probe, before recreating the tunnel. */
  probeRetryMs: number
  probeTimeoutMs: number
  /** Bound on the tunnel server's answer to `GET /?new` (the library has none). */
  openTimeoutMs: number
  backoffBaseMs: number
  backoffMaxMs: number
  /** Consecutive failed attempts after which the state reads `error` (retries continue). */
  errorAfterFailures: number
}

export const DEFAULT_TIMINGS: TunnelTimings = {
  probeIntervalMs: 30_000,
  probeRetryMs: 5_000,
  probeTimeoutMs: 10_000,
  openTimeoutMs: 15_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 120_000,
  errorAfterFailures: 4
}

const ENV: Record<keyof TunnelTimings, string> = {
  probeIntervalMs: 'TICKBOARD_TUNNEL_PROBE_MS',
  probeRetryMs: 'TICKBOARD_TUNNEL_PROBE_RETRY_MS',
  probeTimeoutMs: 'TICKBOARD_TUNNEL_PROBE_TIMEOUT_MS',
  openTimeoutMs: 'TICKBOARD_TUNNEL_OPEN_TIMEOUT_MS',
  backoffBaseMs: 'TICKBOARD_TUNNEL_BACKOFF_MS',
  backoffMaxMs: 'TICKBOARD_TUNNEL_BACKOFF_MAX_MS',
  errorAfterFailures: 'TICKBOARD_TUNNEL_ERROR_AFTER'
}

/** Defaults, overridden by positive integers in `TICKBOARD_TUNNEL_*`; anything else is ignored. */
export function timingsFromEnv(env: NodeJS.ProcessEnv = process.env): TunnelTimings {
  const timings = { ...DEFAULT_TIMINGS }
  for (const key of Object.keys(ENV) as (keyof TunnelTimings)[]) {
    const value = Number(env[ENV[key]])
    if (Number.isInteger(value) && value > 0) timings[key] = value
  }
  return timings
}
