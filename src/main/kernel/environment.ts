import { findChromium } from '../system/systemTools.mjs'
import {
  DEFAULT_SETTINGS,
  DEFAULT_TIMINGS,
  type EngineSettings,
  type TunnelTimings
} from './settings'

type Env = Readonly<Record<string, string | undefined>>

const TUNNEL_ENV: Record<keyof TunnelTimings, string> = {
  probeIntervalMs: 'TICKBOARD_TUNNEL_PROBE_MS',
  probeRetryMs: 'TICKBOARD_TUNNEL_PROBE_RETRY_MS',
  probeTimeoutMs: 'TICKBOARD_TUNNEL_PROBE_TIMEOUT_MS',
  openTimeoutMs: 'TICKBOARD_TUNNEL_OPEN_TIMEOUT_MS',
  backoffBaseMs: 'TICKBOARD_TUNNEL_BACKOFF_MS',
  backoffMaxMs: 'TICKBOARD_TUNNEL_BACKOFF_MAX_MS',
  errorAfterFailures: 'TICKBOARD_TUNNEL_ERROR_AFTER'
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : undefined
}

/** Tunnel timings: defaults, overridden by positive integers in `TICKBOARD_TUNNEL_*`. */
export function tunnelTimingsFrom(env: Env): TunnelTimings {
  const timings = { ...DEFAULT_TIMINGS }
  for (const key of Object.keys(TUNNEL_ENV) as (keyof TunnelTimings)[]) {
    const value = Number(env[TUNNEL_ENV[key]])
    if (Number.isInteger(value) && value > 0) timings[key] = value
  }
  return timings
}

/**
 * The one place that reads environment variables (issue #21): the engine's settings, read once
 * when an engine is built. Anything that is not a positive number is ignored.
 */
export function engineSettingsFrom(env: Env = process.env): EngineSettings {
  return {
    sendTimeoutMs: positive(env.TICKBOARD_SEND_TIMEOUT_MS),
    retryBaseMs: positive(env.TICKBOARD_RETRY_BASE_MS),
    lostSendDeadlineMs: positive(env.TICKBOARD_LOST_SEND_DEADLINE_MS),
    registrationRetryMs:
      positive(env.TICKBOARD_REGISTRATION_RETRY_MS) ?? DEFAULT_SETTINGS.registrationRetryMs,
    templateAutoSyncNetwork: env.TICKBOARD_TEMPLATE_AUTOSYNC !== 'sandbox-only',
    campaignTemplateSyncMs: DEFAULT_SETTINGS.campaignTemplateSyncMs,
    tunnel: tunnelTimingsFrom(env),
    chromiumPath: findChromium(env),
    reportTickMs: DEFAULT_SETTINGS.reportTickMs,
    reconcileTickMs: DEFAULT_SETTINGS.reconcileTickMs,
    reconcileGapSettleMs: DEFAULT_SETTINGS.reconcileGapSettleMs
  }
}

/** What the process entries (desktop shell, engine process, `serve`) take from the environment. */
export interface ShellEnvironment {
  /** `TICKBOARD_SECRET_KEY`: 64 hex chars that replace the credentials key file / keychain. */
  secretKey: string | undefined
  /** `TICKBOARD_API_TOKEN`: bearer token of `serve`'s API (none: loopback without a token). */
  apiToken: string | null
  /** `ELECTRON_RENDERER_URL`: electron-vite's dev server, in development only. */
  rendererUrl: string | undefined
  /** `TICKBOARD_EXPORTS_DIR`: `serve --exports-dir` when the flag is not given. */
  exportsDir: string | undefined
  /** `JOURNAL_STREAM`: systemd sends stdout to the journal, which others may read. */
  toJournal: boolean
}

export function shellEnvironment(env: Env = process.env): ShellEnvironment {
  return {
    secretKey: env.TICKBOARD_SECRET_KEY,
    apiToken: env.TICKBOARD_API_TOKEN || null,
    rendererUrl: env.ELECTRON_RENDERER_URL,
    exportsDir: env.TICKBOARD_EXPORTS_DIR || undefined,
    toJournal: Boolean(env.JOURNAL_STREAM)
  }
}
