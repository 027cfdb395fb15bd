import type { EventName, Events } from '../../shared/ipc/contract'
import type { RegistrationView } from '../../shared/ipc/routes/registration'
import type { RegistrationRecord, RegistrationRepo } from '../db/repos/registrationRepo'
import type { EventListener } from '../kernel/events'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccount, ProviderAccounts } from '../providers/providerAccounts'
import { registerGupshup } from './gupshup'
import { registerInfobip } from './infobip'
import { REPORTS_PER_ACCOUNT } from './kinds'
import { register360dialog, registerMeta } from './meta'
import { registerTwilio } from './twilio'
import type { Registrar } from './types'
import { campaignRegistration, registrationView } from './views'

export type Trigger =
  | 'account_created'
  | 'account_updated'
  | 'tunnel_up'
  | 'url_changed'
  | 'manual'
  | 'consent'
  | 'startup'

/** Automatic retries of a failed registration of one URL (30 s, 60 s, 120 s by default). */
const MAX_RETRIES = 3

function registrarFor(account: ProviderAccount): Registrar | null {
  switch (account.type) {
    case 'meta':
      return account.config.authScheme === 'd360' ? register360dialog : registerMeta
    case 'twilio':
      return registerTwilio
    case 'gupshup':
      return registerGupshup
    case 'infobip':
      return registerInfobip
    default:
      return null
  }
}

export interface RegistrationDeps {
  /** The only writer of the registration tables. */
  store: RegistrationRepo
  providers: Pick<ProviderAccounts, 'accounts' | 'callbackUrlOf' | 'find' | 'get' | 'list'>
  /** Engine events: the tunnel's status and provider edits trigger registrations. */
  subscribe(listener: EventListener): () => void
  /** The tunnel URL when up, else `--public-url`, else null. */
  publicBase(): string | null
}

/**
 * Keeps every provider account's callback URL registered with the provider: when the account is
 * created or edited, when the tunnel comes up and whenever its public URL changes, as long as the
 * operator's consent (one switch per account, on by default) holds. Every attempt is logged.
 * While the public URL is gone (tunnel down) or not registered yet, the account has an open
 * callback gap; it closes once reports can arrive again.
 */
export function createRegistrationService(kernel: Kernel, deps: RegistrationDeps) {
  const { store, providers } = deps
  const sources = { providers, store, clock: kernel.clock }
  const now = (): number => kernel.clock.now()
  /** One attempt at a time per account; a request for the same URL joins the running one. */
  const running = new Map<string, { url: string; done: Promise<RegistrationRecord | null> }>()
  let unsubscribe: (() => void) | null = null
  let stopped = false
  /** Failed attempts are retried a few times for the same URL (Meta's check can hit a cold tunnel). */
  const retries = new Map<string, { url: string; count: number; timer: NodeJS.Timeout }>()
  const retryBaseMs = kernel.config.settings.registrationRetryMs

  function scheduleRetry(providerId: string, url: string, trigger: Trigger): void {
    const previous = retries.get(providerId)
    const count = previous?.url === url ? previous.count + 1 : 1
    if (previous) clearTimeout(previous.timer)
    if (count > MAX_RETRIES) return void retries.delete(providerId)
    const timer = setTimeout(
      () => {
        if (providers.callbackUrlOf(providerId) === url) void register(providerId, trigger)
      },
      retryBaseMs * 2 ** (count - 1)
    )
    timer.unref?.()
    retries.set(providerId, { url, count, timer })
  }

  /** Closes an open gap and says so: reports lost in it can be fetched back (reconcile/). */
  function closeGap(providerId: string, at: number): void {
    if (store.closeGap(providerId, at)) kernel.emit('callbacks.gapClosed', { providerId, at })
  }

  function realAccounts(): ProviderAccount[] {
    return providers.accounts().filter((a) => registrarFor(a) !== null)
  }

  async function attempt(account: ProviderAccount, url: string, trigger: Trigger) {
    const registrar = registrarFor(account)!
    let result
    try {
      result = await registrar(account, url)
    } catch (err) {
      result = {
        outcome: 'failed' as const,
        detail: `Registration failed unexpectedly: ${(err as Error).message}`,
        answer: null
      }
    }
    if (stopped) return null
    const record: RegistrationRecord = { at: now(), trigger, url, ...result }
    // The account may have been re-registered for a newer URL meanwhile: log, never resurrect.
    store.record(account.id, record)
    if (record.outcome === 'registered' && providers.callbackUrlOf(account.id) === url)
      closeGap(account.id, record.at)
    if (record.outcome !== 'registered')
      kernel.log(`registration: ${account.name} (${url}): ${record.outcome}: ${record.detail}`)
    if (record.outcome === 'failed') scheduleRetry(account.id, url, trigger)
    else {
      clearTimeout(retries.get(account.id)?.timer)
      retries.delete(account.id)
    }
    kernel.emit('registration.changed', { providerId: account.id })
    return record
  }

  /** Registers the account's current callback URL; null when there is nothing to register. */
  function register(providerId: string, trigger: Trigger): Promise<RegistrationRecord | null> {
    const account = providers.find(providerId)
    const url = providers.callbackUrlOf(providerId)
    if (stopped || !account || !url || !registrarFor(account)) return Promise.resolve(null)
    if (trigger !== 'manual' && !store.enabled(providerId)) return Promise.resolve(null)
    const current = running.get(providerId)
    if (current?.url === url) return current.done
    const previous = current?.done ?? Promise.resolve(null)
    const done = previous.then(() => attempt(account, url, trigger))
    running.set(providerId, { url, done })
    void done.finally(() => {
      if (running.get(providerId)?.done === done) running.delete(providerId)
    })
    return done
  }

  /** After the public URL appeared or changed: every account whose registration is stale. */
  function followUrl(trigger: Trigger): void {
    for (const account of realAccounts()) {
      const url = providers.callbackUrlOf(account.id)
      if (!url) continue
      const latest = store.latest(account.id)
      const fresh = latest?.url === url && latest.outcome === 'registered'
      // Per-message reports follow the new URL by themselves; so does an account that
      // already has this URL or whose registration is the operator's to make.
      if (fresh || !REPORTS_PER_ACCOUNT.has(account.type) || !store.enabled(account.id))
        closeGap(account.id, now())
      if (!fresh) void register(account.id, trigger)
    }
  }

  function openGaps(reason: string): void {
    const at = now()
    for (const account of realAccounts()) store.openGap(account.id, at, reason)
  }

  let lastUrl: string | null = deps.publicBase()
  function onTunnel(status: Events['tunnel.status']): void {
    if (status.state === 'up' && status.url) {
      const trigger = lastUrl && lastUrl !== status.url ? 'url_changed' : 'tunnel_up'
      lastUrl = status.url
      followUrl(trigger)
    } else if (status.state === 'reconnecting' || status.state === 'error') {
      openGaps(`the tunnel is down: ${status.error ?? status.state}`)
    } else if (status.state === 'off') {
      const base = deps.publicBase()
      if (base) {
        lastUrl = base
        followUrl('url_changed')
      } else openGaps('the tunnel was switched off and there is no --public-url')
    }
  }

  function onEvent<E extends EventName>(name: E, payload: Events[E]): void {
    if (name === 'tunnel.status') onTunnel(payload as Events['tunnel.status'])
    else if (name === 'providers.changed') {
      const { providerId, created } = payload as Events['providers.changed']
      const latest = store.latest(providerId)
      // An edit may carry the missing credentials (e.g. a Gupshup partner token): try again.
      if (created || latest?.outcome !== 'registered')
        void register(providerId, created ? 'account_created' : 'account_updated')
    }
  }

  return {
    register,
    start(): void {
      unsubscribe = deps.subscribe(onEvent)
      // `--public-url` needs no tunnel event: bring stale registrations up to date now.
      if (deps.publicBase()) followUrl('startup')
    },
    /** Attempts still waiting for a provider finish unlogged (the data file is closing). */
    stop(): void {
      unsubscribe?.()
      unsubscribe = null
      stopped = true
      for (const retry of retries.values()) clearTimeout(retry.timer)
      retries.clear()
    },
    setEnabled(providerId: string, enabled: boolean): RegistrationView {
      providers.get(providerId)
      store.setEnabled(providerId, enabled, now())
      if (enabled) void register(providerId, 'consent')
      kernel.emit('registration.changed', { providerId })
      return registrationView(sources, providerId)
    },
    /** The operator's "Register now": tries even with the switch off, answers the new state. */
    async registerNow(providerId: string): Promise<RegistrationView> {
      providers.get(providerId)
      await register(providerId, 'manual')
      return registrationView(sources, providerId)
    },
    /** Every account that has a callback URL to register (the Sandbox needs none). */
    accounts: (): RegistrationView[] =>
      providers
        .list()
        .filter((p) => p.type !== 'sandbox')
        .map((p) => registrationView(sources, p.id)),
    campaign: (campaignId: string) => campaignRegistration(sources, campaignId)
  }
}
export type RegistrationService = ReturnType<typeof createRegistrationService>
