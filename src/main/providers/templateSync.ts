import type { Events } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { TemplateView } from '../../shared/ipc/routes/templates'
import type { EventListener } from '../kernel/events'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccount, ProviderAccounts } from './providerAccounts'
import { sandboxTemplates } from './sandbox/templates'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import { createCampaignTemplateSync } from './campaignTemplateSync'
import { TEMPLATE_LISTERS } from './templateListers'
import type { TemplateRepo } from '../db/repos/templateRepo'
import { TemplateListError, type ListTemplates } from '../templates/types'

export const SYNC_EVERY_MS = 60 * 60 * 1000

export interface TemplateList {
  templates: TemplateView[]
  syncedAt: number | null
  error: string | null
}

export interface TemplateServiceOptions {
  everyMs?: number
  /** How often the list of an account with a sending campaign is read again (15 min). */
  campaignEveryMs?: number
  /**
   * Automatic syncs (account created, hourly) of accounts that call out to a provider; the
   * Sandbox always syncs. Default: the engine's `templateAutoSyncNetwork` setting.
   */
  autoSyncNetwork?: boolean
  listers?: Partial<typeof TEMPLATE_LISTERS>
}

/**
 * Template sync per provider account: on demand, right after an account is created, every hour
 * while the engine runs (an account whose last sync is older than that is synced at start), and
 * at launch and every 15 minutes while one of its campaigns sends (campaignTemplateSync). One sync
 * per account at a time; a failed sync keeps the last list and records why. A stored template
 * whose status a sync finds changed is announced as a template webhook would
 * (`templates.changed`), so a paused template pauses its campaigns whichever way it was learnt.
 */
export function createTemplateService(
  kernel: Kernel,
  stores: {
    /** The only writer of the synced template lists. */
    templates: TemplateRepo
    /** Which accounts have a sending campaign (read only). */
    campaigns: Pick<CampaignRepo, 'byStatus' | 'get'>
    /** The accounts whose lists are synced (read only). */
    accounts: Pick<ProviderAccounts, 'find' | 'list'>
    /** Engine events: account changes start a sync, campaign launches a resync. */
    subscribe(listener: EventListener): () => void
  },
  options: TemplateServiceOptions = {}
) {
  const repo = stores.templates
  const everyMs = options.everyMs ?? SYNC_EVERY_MS
  const listers = { ...TEMPLATE_LISTERS, ...options.listers }
  const autoNetwork = options.autoSyncNetwork ?? kernel.config.settings.templateAutoSyncNetwork
  const autoSyncs = (a: ProviderAccount): boolean => a.type === 'sandbox' || autoNetwork
  const running = new Map<string, Promise<TemplateList>>()
  const abort = new AbortController()
  let timer: NodeJS.Timeout | null = null
  let unsubscribe: (() => void) | null = null

  function listOf(providerId: string): TemplateList {
    const state = repo.syncState(providerId)
    return { templates: repo.list(providerId), syncedAt: state.syncedAt, error: state.error }
  }

  async function run(providerId: string): Promise<TemplateList> {
    const account = stores.accounts.find(providerId)
    if (!account) throw new AppError(ErrorCode.notFound, `No provider with id ${providerId}`)
    const list: ListTemplates = listers[account.type]
    try {
      const templates = await list(account, abort.signal)
      if (abort.signal.aborted) return listOf(providerId)
      const changes = repo.replaceAll(providerId, templates, kernel.clock.now())
      for (const c of changes)
        kernel.emit('templates.changed', {
          providerId,
          change: 'status',
          name: c.name,
          language: c.language,
          value: c.status,
          reason: c.reason
        })
    } catch (err) {
      if (abort.signal.aborted) return listOf(providerId)
      const message =
        err instanceof TemplateListError ? err.message : `Template sync failed: ${String(err)}`
      repo.syncFailed(providerId, message, kernel.clock.now())
      if (!(err instanceof TemplateListError))
        kernel.log(`templates: sync of ${providerId} failed`, err)
    }
    return listOf(providerId)
  }

  function sync(providerId: string): Promise<TemplateList> {
    const current = running.get(providerId)
    if (current) return current
    const promise = run(providerId).finally(() => running.delete(providerId))
    running.set(providerId, promise)
    return promise
  }

  /** An account whose credentials cannot be read (wrong key) is skipped, never fatal. */
  function findAccount(id: string): ProviderAccount | undefined {
    try {
      return stores.accounts.find(id)
    } catch (err) {
      kernel.log(`templates: account ${id} cannot be read`, err)
      return undefined
    }
  }

  function syncDue(): Promise<unknown> {
    const now = kernel.clock.now()
    let ids: string[]
    try {
      ids = stores.accounts.list().map((p) => p.id)
    } catch (err) {
      // Credentials saved under another key: the accounts are unusable until it is fixed.
      kernel.log('templates: provider accounts cannot be read; no template sync', err)
      return Promise.resolve()
    }
    const due = ids
      .map(findAccount)
      .filter(
        (a): a is ProviderAccount =>
          !!a && autoSyncs(a) && (repo.syncState(a.id).attemptedAt ?? 0) <= now - everyMs
      )
    return Promise.allSettled(due.map((a) => sync(a.id)))
  }

  /**
   * A new account's list is fetched in the background (the Sandbox's is stored before the
   * create answers); an edited account whose last sync failed is tried again (a WABA id added).
   */
  function accountChanged(providerId: string, created: boolean): void {
    const account = findAccount(providerId)
    if (!account || !autoSyncs(account)) return
    if (!created && repo.syncState(providerId).error === null) return
    if (account.type === 'sandbox')
      repo.replaceAll(providerId, sandboxTemplates(), kernel.clock.now())
    else void sync(providerId)
  }

  const { campaigns } = stores
  const campaignSync = createCampaignTemplateSync({
    everyMs: options.campaignEveryMs ?? kernel.config.settings.campaignTemplateSyncMs,
    syncs: autoSyncs,
    findAccount,
    sync,
    subscribe: stores.subscribe,
    sendingAccounts: () => campaigns.byStatus('running').map((c) => c.provider_id),
    accountOfCampaign: (id) => campaigns.get(id)?.provider_id
  })

  return {
    repo,
    sync,
    list(providerId: string): TemplateList {
      if (!stores.accounts.find(providerId))
        throw new AppError(ErrorCode.notFound, `No provider with id ${providerId}`)
      return listOf(providerId)
    },
    /** Follows account changes and syncs due lists now and hourly, in the background. */
    start(): void {
      unsubscribe ??= stores.subscribe((name, payload) => {
        if (name !== 'providers.changed') return
        const { providerId, created } = payload as Events['providers.changed']
        accountChanged(providerId, created)
      })
      if (!timer) {
        timer = setInterval(() => void syncDue(), Math.min(everyMs, 2 ** 31 - 1))
        timer.unref()
      }
      void syncDue()
      campaignSync.start()
    },
    async stop(): Promise<void> {
      campaignSync.stop()
      unsubscribe?.()
      unsubscribe = null
      if (timer) clearInterval(timer)
      timer = null
      abort.abort(new Error('engine closing'))
      await Promise.allSettled([...running.values()])
    }
  }
}
export type TemplateService = ReturnType<typeof createTemplateService>
