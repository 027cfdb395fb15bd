import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { Transact } from '../db/transactions'
import type { EventListener } from '../kernel/events'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import { fetchCampaignAnalytics } from './analytics'
import type { AnalyticsRepo } from '../db/repos/providerAnalyticsRepo'
import type { ApplyStatus } from '../callbacks/applyStatus'
import { createLookupRunner, type LookupRunOptions } from './lookups'
import { createCallBudgets } from '../providers/callBudget'
import { createReconciliation } from './reconciliation'
import { AFTER_END_MS, dueTrigger } from './due'
import type { FetchTrigger, ReconcileCampaign, ReconcileRepo } from '../db/repos/reconcileRepo'

/** What the reconciler reads, writes and asks, each built once by the composition root. */
export interface ReconcileDeps {
  /**
   * The one ReconcileRepo (campaigns due a fetch, messages awaiting a report, the lookup counter,
   * the `provider_fetch` log), shared with the callback service and the click counts.
   */
  repo: ReconcileRepo
  /** The provider's analytics per template and day (`provider_template_day`). */
  analytics: AnalyticsRepo
  /** One lookup page's reports and its filled count commit together. */
  transact: Transact
  /**
   * The one status applier (callbacks/applyStatus), built once by the composition root: lookups
   * change message states only through it.
   */
  applyStatus: ApplyStatus
  providers: Pick<ProviderAccounts, 'get'>
  adapterFor: AdapterRegistry
  /** Engine events: `callbacks.gapClosed` tells when an account's callback gap closes. */
  subscribe(listener: EventListener): () => void
  /** Our numbers per day, to set beside the provider's (the stats service's trend). */
  trend: Parameters<typeof createReconciliation>[0]['trend']
}

/**
 * The provider's own records as a second source beside callbacks (spec §6). Fetched on demand
 * (`providers.reconcile`), when an account's callback gap closes (`callbacks.gapClosed`), hourly while a
 * campaign has messages awaiting a report, and daily for 7 days after it ends. One fetch per
 * campaign at a time; a provider that refuses or is unreachable is recorded in `provider_fetch`,
 * never fatal.
 */
export function createReconcileService(
  kernel: Kernel,
  deps: ReconcileDeps,
  options: LookupRunOptions = {}
) {
  const { settings } = kernel.config
  const { repo, analytics } = deps
  const now = () => kernel.clock.now()
  const runLookups = createLookupRunner(
    { transact: deps.transact, applyStatus: deps.applyStatus, repo, now },
    options
  )
  const reconciliation = createReconciliation({
    analytics,
    fetches: repo,
    trend: deps.trend,
    now,
    zoneOf: (type) => deps.adapterFor(type as ProviderType).analyticsZone
  })
  // Per provider account and endpoint, across campaigns: providers count requests per account.
  const budgets = createCallBudgets(now)
  const running = new Map<string, Promise<{ fetched: number; filled: number }>>()
  let controller = new AbortController()
  let timer: NodeJS.Timeout | null = null
  const gapTimers = new Map<string, NodeJS.Timeout>()
  let unsubscribe: (() => void) | null = null

  async function fetchFor(
    campaign: ReconcileCampaign,
    trigger: FetchTrigger
  ): Promise<{ fetched: number; filled: number }> {
    const account = deps.providers.get(campaign.provider_id)
    const adapter = deps.adapterFor(account.type)
    const signal = controller.signal
    let fetched = 0
    let filled = 0
    if (adapter.lookupMessage || adapter.lookupMessages) {
      const at = kernel.clock.now()
      const budget = budgets(`${account.id}:lookup`, adapter.lookupLimit)
      let run
      try {
        run = await runLookups(account, adapter, campaign.id, signal, budget)
      } catch (err) {
        if (signal.aborted) return { fetched, filled }
        const failure = { kind: 'unreachable' as const, detail: String(err) }
        run = { fetched: 0, filled: 0, failure }
      }
      fetched += run.fetched
      filled += run.filled
      repo.recordFetch({
        providerId: account.id,
        campaignId: campaign.id,
        kind: 'lookup',
        trigger,
        at,
        outcome: run.failure?.kind ?? 'ok',
        detail: run.failure?.detail ?? null,
        fetched: run.fetched,
        filled: run.filled
      })
    }
    const template = analytics.campaignTemplate(campaign.id)
    if (template) {
      const at = kernel.clock.now()
      let run
      try {
        // Gupshup counts per app: accounts naming the same app share its budget.
        const scope = typeof account.config.appId === 'string' ? account.config.appId : account.id
        const budget = budgets(`${account.type}:${scope}:analytics`, adapter.analyticsLimit)
        run = await fetchCampaignAnalytics(account, adapter, template, analytics, at, {
          signal,
          budget
        })
      } catch (err) {
        if (signal.aborted) return { fetched, filled }
        run = { outcome: 'unreachable' as const, detail: String(err), fetched: 0 }
      }
      if (run) {
        fetched += run.fetched
        repo.recordFetch({
          providerId: account.id,
          campaignId: campaign.id,
          kind: 'analytics',
          trigger,
          at,
          outcome: run.outcome,
          detail: run.detail,
          fetched: run.fetched,
          filled: 0
        })
      }
    }
    if (filled > 0 || fetched > 0) kernel.emit('stats.changed', { campaignId: campaign.id })
    return { fetched, filled }
  }

  /** One fetch per campaign at a time: a second ask joins the one under way. */
  function reconcileCampaign(campaign: ReconcileCampaign, trigger: FetchTrigger) {
    const current = running.get(campaign.id)
    if (current) return current
    const work = fetchFor(campaign, trigger).finally(() => running.delete(campaign.id))
    running.set(campaign.id, work)
    return work
  }

  function due(campaign: ReconcileCampaign, now: number): FetchTrigger | null {
    return dueTrigger(
      {
        lastLookup: repo.lastFetch(campaign.id, 'lookup'),
        lastAnalytics: repo.lastFetch(campaign.id, 'analytics'),
        awaiting: repo.hasAwaiting(campaign.id),
        completedAt: campaign.completed_at
      },
      now
    )
  }

  /**
   * One pass over the campaigns that may be due. With a trigger (a callback gap closed), only
   * the campaigns of that account with messages awaiting a report. One campaign after the other:
   * a provider that refuses or cannot be reached is recorded and the pass goes on.
   */
  async function tick(trigger?: FetchTrigger, providerId?: string): Promise<void> {
    const now = kernel.clock.now()
    for (const campaign of repo.recentCampaigns(now - AFTER_END_MS)) {
      if (controller.signal.aborted) return
      if (providerId && campaign.provider_id !== providerId) continue
      const why = trigger ?? due(campaign, now)
      if (!why || (trigger === 'gap_closed' && !repo.hasAwaiting(campaign.id))) continue
      await reconcileCampaign(campaign, why).catch((err: unknown) =>
        kernel.log(`fetching the provider's records of campaign ${campaign.id} failed`, err)
      )
    }
  }

  return {
    /** `providers.reconcile`: fetch the provider's own records of this campaign now. */
    reconcile(campaignId: string) {
      const campaign = repo.campaign(campaignId)
      if (!campaign) throw new AppError(ErrorCode.notFound, `No launched campaign ${campaignId}`)
      return reconcileCampaign(campaign, 'demand')
    },
    /** `stats.reconciliation`: the provider's numbers per template and day beside ours. */
    reconciliation,
    /** `callbacks.health.reconciled` of a scope. */
    reconciled: (scope: { campaignId?: string; providerId?: string }) => repo.reconciled(scope),
    /** Runs the scheduler's check once (tests; the timer calls it too). */
    tick,
    start(): void {
      controller = new AbortController()
      timer = setInterval(() => void tick(), settings.reconcileTickMs)
      timer.unref()
      // A callback gap closed (registration/): once the provider's own retries have had a moment
      // to land, the reports lost in it are fetched back for that account's campaigns.
      unsubscribe = deps.subscribe((name, payload) => {
        if (name !== 'callbacks.gapClosed') return
        const { providerId } = payload as { providerId: string }
        clearTimeout(gapTimers.get(providerId))
        const gapTimer = setTimeout(() => {
          gapTimers.delete(providerId)
          void tick('gap_closed', providerId)
        }, settings.reconcileGapSettleMs)
        gapTimer.unref()
        gapTimers.set(providerId, gapTimer)
      })
    },
    async stop(): Promise<void> {
      controller.abort()
      if (timer) clearInterval(timer)
      for (const gapTimer of gapTimers.values()) clearTimeout(gapTimer)
      gapTimers.clear()
      timer = null
      unsubscribe?.()
      unsubscribe = null
      await Promise.allSettled([...running.values()])
    }
  }
}
export type ReconcileService = ReturnType<typeof createReconcileService>
