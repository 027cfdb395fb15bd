import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { RegistrationRepo } from '../db/repos/registrationRepo'
import type { Clock } from '../kernel/kernel'
import type { ProviderAccounts } from '../providers/providerAccounts'
import { REPORTS_PER_ACCOUNT, SILENCE_LIMIT_MS } from './kinds'

export interface Readiness {
  /** The campaign's reports cannot reach the app: launch is refused unless overridden. */
  blocking: string[]
  /** Reports may not reach the app; shown, never blocking. */
  warnings: string[]
}

/** What readiness reads: the accounts and their callback URLs, the registration records. */
export interface ReadinessSources {
  providers: Pick<ProviderAccounts, 'find' | 'callbackUrlOf'>
  store: RegistrationRepo
  /** The engine's clock: "recently" is measured from its now. */
  clock: Clock
}

const when = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * Whether the delivery reports of a campaign on this provider account can reach Tickboard:
 * a public URL exists, the registration with the provider holds for the current URL, and the
 * account has proven it recently (a callback in 7 days, or a Test callback since the URL changed).
 */
export function checkReadiness(
  { providers, store, clock }: ReadinessSources,
  providerId: string
): Readiness {
  const now = clock.now()
  const ready: Readiness = { blocking: [], warnings: [] }
  const account = providers.find(providerId)
  if (!account || account.type === 'sandbox') return ready
  const name = account.name
  const url = providers.callbackUrlOf(providerId)
  if (!url) {
    const perMessage = REPORTS_PER_ACCOUNT.has(account.type)
      ? ''
      : ' (the callback URL sent with each message would point at 127.0.0.1)'
    ready.blocking.push(
      `${name}: there is no public callback URL${perMessage}: the tunnel is off and Tickboard runs without --public-url, so delivery reports cannot reach this computer and every message would stay "awaiting report". Switch the tunnel on in Providers.`
    )
    return ready
  }
  const perAccount = REPORTS_PER_ACCOUNT.has(account.type)
  const problems = perAccount ? ready.blocking : ready.warnings
  const what = perAccount ? 'delivery reports' : 'replies'
  const lastCallback = store.lastCallbackAt(providerId)
  const since = store.urlSince(providerId, url) ?? 0
  const latest = store.latest(providerId)
  // Tunnel down (or the new URL not registered yet): that is the reason, unless a failed
  // registration of the current URL explains more.
  const gap = store.currentGap(providerId)
  if (gap && !(latest?.url === url && latest.outcome === 'failed')) {
    ready.blocking.push(
      `${name}: callbacks cannot reach Tickboard since ${when(gap.from)}, because ${gap.reason}.`
    )
    return ready
  }
  if (store.enabled(providerId)) {
    if (!latest)
      problems.push(`${name}: the callback URL ${url} is not registered with the provider yet.`)
    else if (latest.url !== url)
      problems.push(
        `${name}: the provider has ${latest.url} for ${what}, but the callback URL is now ${url}; it is being registered again.`
      )
    else if (latest.outcome === 'failed')
      problems.push(
        `${name}: registering the callback URL failed at ${when(latest.at)}: ${latest.detail}`
      )
    else if (latest.outcome === 'manual' && !(lastCallback !== null && lastCallback >= since))
      problems.push(`${name}: the callback URL must be set by hand for ${what}. ${latest.detail}`)
  }
  const heard = lastCallback !== null && lastCallback >= now - SILENCE_LIMIT_MS
  const test = store.lastTestSuccess(providerId)
  const tested = test !== undefined && test.url === url && test.at >= since
  if (!heard && !tested) {
    const message = `${name}: no callback in the last 7 days and no successful "Test callback" since the callback URL last changed. Press Test callback on the Providers page to prove reports can arrive.`
    ;(account.type === 'meta' ? ready.warnings : ready.blocking).push(message)
  }
  return ready
}

/**
 * The readiness checks over one set of sources, built once by the composition root and handed
 * to campaigns (preview, launch gate) and the tunnel (Test callback).
 */
export function createReadinessChecks(sources: ReadinessSources) {
  return {
    check: (providerId: string): Readiness => checkReadiness(sources, providerId),
    /** The preview's readiness part: blocking problems join the draft's problems. */
    withReadiness<T extends { problems: string[] }>(
      providerId: string | undefined,
      check: T
    ): T & { warnings: string[]; overridable: string[] } {
      if (!providerId) return { ...check, warnings: [], overridable: [] }
      const readiness = checkReadiness(sources, providerId)
      return {
        ...check,
        problems: [...check.problems, ...readiness.blocking],
        warnings: readiness.warnings,
        overridable: readiness.blocking
      }
    },
    /**
     * Launch gate: refuses (409, the same message as the preview) while a blocking problem
     * stands, unless the operator overrides; returns the problems overridden so the launch
     * records them.
     */
    gateLaunch(providerId: string, override: boolean): string[] {
      const { blocking } = checkReadiness(sources, providerId)
      if (blocking.length && !override)
        throw new AppError(ErrorCode.invalidState, blocking.join(' '), blocking)
      return blocking
    },
    recordOverride(campaignId: string, problems: string[]): void {
      if (problems.length) sources.store.recordOverride(campaignId, problems, sources.clock.now())
    },
    /** A passed "Test callback" proves the current URL reaches the app (readiness uses it). */
    noteTestResult<T extends { ok: boolean; url?: string; via: string }>(
      providerId: string,
      result: T
    ): T {
      if (result.ok && result.url && result.via !== 'local')
        sources.store.recordTestSuccess(providerId, result.url, sources.clock.now())
      return result
    }
  }
}
export type ReadinessChecks = ReturnType<typeof createReadinessChecks>
