/** How often and how patiently the tunnel supervisor works; tests shorten these (environment). */
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

/**
 * The engine's tunables, read once from the environment when the engine is built
 * (`kernel/environment.ts`); tests and benches shorten deadlines and delays through them.
 */
export interface EngineSettings {
  /** `TICKBOARD_SEND_TIMEOUT_MS`: a provider's deadline for one send (dispatch's default otherwise). */
  sendTimeoutMs?: number
  /** `TICKBOARD_RETRY_BASE_MS`: first delay of dispatch's retry backoff (its default otherwise). */
  retryBaseMs?: number
  /**
   * `TICKBOARD_LOST_SEND_DEADLINE_MS`: how long after the attempt a send whose answer was lost is
   * looked up in the provider's records (dispatch/lostSends' default, 30 min, otherwise).
   */
  lostSendDeadlineMs?: number
  /** `TICKBOARD_REGISTRATION_RETRY_MS`: first delay before a failed callback registration is retried. */
  registrationRetryMs: number
  /**
   * Automatic template syncs (account created, hourly) of accounts that call out to a provider;
   * off with `TICKBOARD_TEMPLATE_AUTOSYNC=sandbox-only` (the test suite's setting).
   */
  templateAutoSyncNetwork: boolean
  /**
   * How often the template list of an account with a sending campaign is read again (Meta's
   * template webhooks never reach the phone-number override). Not from the environment.
   */
  campaignTemplateSyncMs: number
  /** `TICKBOARD_TUNNEL_*`. */
  tunnel: TunnelTimings
  /** The Chromium that prints PDFs in headless mode (`CHROMIUM_PATH`, else PATH); null: none. */
  chromiumPath: string | null
  /** How often scheduled reports look for due schedules (not from the environment; tests shorten it). */
  reportTickMs: number
  /** How often the reconciler looks for campaigns due a fetch of the provider's records (tests shorten it). */
  reconcileTickMs: number
  /** After a callback gap closes (tunnel up again), wait this long for late callbacks, then fetch. */
  reconcileGapSettleMs: number
}

export const DEFAULT_SETTINGS: EngineSettings = {
  registrationRetryMs: 30_000,
  templateAutoSyncNetwork: true,
  campaignTemplateSyncMs: 15 * 60 * 1000,
  tunnel: DEFAULT_TIMINGS,
  chromiumPath: null,
  reportTickMs: 60_000,
  reconcileTickMs: 5 * 60_000,
  reconcileGapSettleMs: 60_000
}
