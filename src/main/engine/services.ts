import { createItemAppliers } from '../callbacks/applyItems'
import { createStatusApplier } from '../callbacks/applyStatus'
import { CallbackService } from '../callbacks/service'
import { startCheckpointer } from '../db/checkpointer'
import type { Db } from '../db/openDb'
import { createCallbackRepos } from '../db/repos/callbackRepos'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { SettingRepo } from '../db/repos/settingRepo'
import { transactionsOf } from '../db/transactions'
import type { Kernel } from '../kernel/kernel'
import { createMarketingActionApplier } from '../pricing/marketingActions'
import { createPricingRecorder } from '../pricing/messagePricing'
import type { TemplateChanged } from '../callbacks/applyTemplateItem'
import { createLaunchPreview } from '../campaigns/launchPreview'
import { CampaignService } from '../campaigns/service'
import { Dispatcher } from '../dispatch/dispatcher'
import { templateOfDraft } from '../templates/launch'
import { createContactService } from '../contacts/service'
import { createLostSendService } from '../dispatch/lostSends'
import { createKeywordStore } from '../optOuts/keywords'
import { createOptOutList } from '../optOuts/optOutList'
import { createPricingService } from '../pricing/service'
import { createCampaignCostRepo, createPricingRepo } from '../db/repos/pricingRepo'
import type { SandboxAdapter } from '../providers/sandbox'
import { createProviderService } from '../providers/service'
import { createAnalyticsRepo } from '../db/repos/providerAnalyticsRepo'
import { createClickCounts } from '../reconcile/clicks'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import { createReconcileRepo } from '../db/repos/reconcileRepo'
import { createReconcileService } from '../reconcile/service'
import { createRegistrationService } from '../registration/service'
import { openRecipientExport } from '../db/repos/recipientExportRepo'
import { createScheduleRepo } from '../db/repos/scheduleRepo'
import { createReportService } from '../reports/service'
import type { ReportSources } from '../reports/sources'
import { createEngagementCounts } from '../db/repos/engagementRepo'
import {
  createMarketingSendRecorder,
  createMarketingStatsReader
} from '../db/repos/marketingSendRepo'
import { createConversionRepo, createStatsRebuild } from '../db/repos/statsCounterRepo'
import { createStatsReadRepo } from '../db/repos/statsReadRepo'
import { createDrillDown } from '../stats/drillDown'
import { createErrorRecipientsRepo } from '../db/repos/errorRecipientsRepo'
import { createStatsService } from '../stats/service'
import { createTemplatePauseWatcher } from '../templates/pauseOnTemplate'
import { createTemplateService } from '../providers/templateSync'
import { createTunnelService } from '../tunnel/service'
import { createTunnelStore } from '../tunnel/tunnelStore'
import { createTunnelEventRepo } from '../db/repos/tunnelEventRepo'
import { createReadinessChecks } from '../registration/readiness'
import { createRegistrationRepo } from '../db/repos/registrationRepo'
import { createKeepAwakeService } from '../system/keepAwake'
import { createKeepAwakeRepo } from '../db/repos/keepAwakeRepo'
import { createRevenueCurrency } from '../system/revenueCurrency'
import type { EngineContext } from './context'
import { createDataService } from './dataService'
import { createSystemInfo } from './systemInfo'
import { backupDataFile } from '../db/backup'
import { demoStoreWith } from '../db/demoStore'
import type { ProviderRepo } from '../db/repos/providerRepo'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import { previewBubbles } from '../campaigns/preview'
import { audienceByPrefix, type DraftReads } from '../campaigns/validate'
import { createAudienceRepo } from '../db/repos/audienceRepo'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import { createQualifyJobRepo } from '../db/repos/qualifyJobRepo'
import { createTemplateRepo, type TemplateRepo } from '../db/repos/templateRepo'
import { BUILT_IN_SANDBOX } from '../providers/sandbox/builtIn'
import { createLifecycle } from '../kernel/lifecycle'
import { createUserRepo } from '../db/repos/userRepo'
import { createAuditRepo } from '../db/repos/auditRepo'
import { createUserAccounts } from '../users/accounts'
import { createAuditLog } from '../users/auditLog'

/**
 * The callback side over one connection, each part built once: its repositories, the one status
 * applier (shared by the processor, lost sends and reconcile lookups) and the item appliers.
 */
export function createCallbackCore(
  db: Db,
  deps: {
    messages: MessageRepo
    isOptOutKeyword: (text: string | null) => boolean
    templates: TemplateRepo
    onTemplate?: (change: TemplateChanged) => void
  }
) {
  const repos = createCallbackRepos(db)
  const applyStatus = createStatusApplier({
    statusLog: repos.statusLog,
    messages: deps.messages,
    recordPricing: createPricingRecorder(repos.messagePricing)
  })
  const appliers = createItemAppliers({
    repos,
    messages: deps.messages,
    applyStatus,
    isOptOutKeyword: deps.isOptOutKeyword,
    templates: deps.templates,
    applyMarketingAction: createMarketingActionApplier(repos.marketingActions),
    onTemplate: deps.onTemplate
  })
  return { repos, applyStatus, appliers, transact: transactionsOf(db) }
}

/**
 * Every long-lived service of the engine, each built once. Building has no side effects: the
 * lifecycle starts them in the order listed (a service after those it relies on) and stops them
 * in reverse, so handlers only map routes to these methods.
 */
export function createServices(
  ctx: EngineContext,
  /** Built by the root before the services (the Sandbox uses the settings and campaigns too). */
  built: {
    sandbox: SandboxAdapter
    providerRepo: ProviderRepo
    settings: SettingRepo
    campaigns: CampaignRepo
  },
  late: { printRoute: ReportSources['printRoute'] }
) {
  const kernel: Kernel = { config: ctx.config, clock: ctx.clock, log: ctx.log, emit: ctx.emit }
  const data = createDataService(kernel, (request) =>
    backupDataFile(ctx.db, ctx.config.dataDir, request)
  )
  const systemInfo = createSystemInfo(ctx.config, ctx.publicBase, ctx.secrets)
  const users = createUserAccounts(createUserRepo(ctx.db), ctx.clock)
  const auditRepo = createAuditRepo(ctx.db)
  const audit = createAuditLog(auditRepo, ctx.clock)
  const contacts = createContactService({
    contacts: ctx.contacts,
    events: ctx.events,
    emit: ctx.emit
  })
  const { settings, campaigns: campaignRepo } = built
  const keywords = createKeywordStore(settings)
  const templateRepo = createTemplateRepo(ctx.db)
  const callbackCore = createCallbackCore(ctx.db, {
    messages: ctx.messages,
    isOptOutKeyword: keywords.matches,
    templates: templateRepo,
    onTemplate: (change) => ctx.emit('templates.changed', change)
  })
  const optOuts = { keywords, list: createOptOutList(callbackCore.repos.optOuts) }
  const providers = createProviderService(kernel, ctx.providers)
  const revenueCurrency = createRevenueCurrency(settings)
  const reconcileRepo = createReconcileRepo(ctx.db)
  const providerAnalytics = createAnalyticsRepo(ctx.db)
  const marketingStats = createMarketingStatsReader(ctx.db)
  const clicks = createClickCounts({
    analytics: providerAnalytics,
    fetches: reconcileRepo,
    webhooks: marketingStats,
    zoneOf: (type) => ctx.adapterFor(type as ProviderType).analyticsZone,
    now: () => kernel.clock.now()
  })
  const statsRebuild = createStatsRebuild(ctx.db)
  const stats = createStatsService(ctx, {
    reads: createStatsReadRepo(ctx.db),
    conversions: createConversionRepo(ctx.db),
    rebuild: statsRebuild,
    clicks,
    engagement: createEngagementCounts(ctx.db),
    drillDownFor: (explain) => createDrillDown(createErrorRecipientsRepo(ctx.db), explain),
    defaultCurrency: revenueCurrency.get
  })
  const campaignCosts = createCampaignCostRepo(ctx.db)
  const pricing = createPricingService(
    { pricing: createPricingRepo(ctx.db), campaigns: campaignCosts, marketing: marketingStats },
    stats.summary
  )
  const draftReads: DraftReads = {
    audience: createAudienceRepo(ctx.db),
    templates: templateRepo,
    providerType: (id) => ctx.providers.typeOf(id)
  }
  const templatePreview = (draft: Partial<CampaignDraft>, phone?: string) =>
    previewBubbles(draftReads, draft, phone)
  const registrationStore = createRegistrationRepo(ctx.db)
  const readiness = createReadinessChecks({ providers: ctx.providers, store: registrationStore })
  const dispatcher = new Dispatcher(
    kernel,
    {
      campaigns: campaignRepo,
      messages: ctx.messages,
      marketingSends: createMarketingSendRecorder(ctx.db),
      marketingApi: campaignCosts.usesMarketingMessagesApi,
      providers: ctx.providers,
      adapterFor: ctx.adapterFor,
      callbackBase: () => ctx.publicBase() ?? ctx.hooksBase()
    },
    // Campaigns feed dispatch (their qualifier says when an audience is fixed); built just below.
    { qualifying: (id) => campaigns.qualifying(id) },
    {
      sendTimeoutMs: ctx.config.settings.sendTimeoutMs,
      retryBaseMs: ctx.config.settings.retryBaseMs
    }
  )
  const campaigns: CampaignService = new CampaignService(
    kernel,
    {
      campaigns: campaignRepo,
      qualifyJobs: createQualifyJobRepo(ctx.db),
      reads: draftReads,
      messages: ctx.messages,
      providers: ctx.providers,
      readiness,
      dispatcher
    },
    {
      lostSendDeadlineMs: ctx.config.settings.lostSendDeadlineMs,
      defaultCurrency: revenueCurrency.get
    }
  )
  const launchPreview = createLaunchPreview(campaigns, pricing, {
    templateOf: (draft) => templateOfDraft(templateRepo, draft),
    audienceByPrefix: (draft) => audienceByPrefix(draftReads.audience, draft),
    accountRate: (id) => ctx.providers.find(id)?.ratePerSecond ?? null
  })
  const templatePauses = createTemplatePauseWatcher(
    { campaigns: campaignRepo, subscribe: ctx.subscribe, log: ctx.log },
    (id, reason) => campaigns.pause(id, reason)
  )
  const callbacks = new CallbackService(kernel, {
    core: callbackCore,
    reconcile: reconcileRepo,
    settings,
    contacts: ctx.contacts,
    events: ctx.events,
    findAccount: (id) => ctx.providers.find(id),
    adapterFor(type) {
      try {
        return ctx.adapterFor(type)
      } catch {
        return undefined
      }
    },
    hooks: {
      setHandler: ctx.setHookHandler,
      publicBase: ctx.publicBase,
      hooksBase: ctx.hooksBase
    },
    startCheckpointer: () =>
      startCheckpointer(ctx.db, { nativeBinding: ctx.config.nativeBinding, log: ctx.log })
  })
  const lostSends = createLostSendService(
    kernel,
    { messages: ctx.messages, providers: ctx.providers, adapterFor: ctx.adapterFor },
    {
      deadlineMs: ctx.config.settings.lostSendDeadlineMs,
      applyStatus: callbackCore.applyStatus
    }
  )
  const keepAwake = createKeepAwakeService(ctx, createKeepAwakeRepo(ctx.db), ctx.subscribe)
  const templates = createTemplateService(kernel, {
    templates: templateRepo,
    campaigns: campaignRepo,
    accounts: ctx.providers,
    subscribe: ctx.subscribe
  })
  const registration = createRegistrationService(kernel, {
    store: registrationStore,
    providers: ctx.providers,
    subscribe: ctx.subscribe,
    publicBase: ctx.publicBase
  })
  const tunnel = createTunnelService(kernel, {
    store: createTunnelStore(settings, createTunnelEventRepo(ctx.db)),
    settings,
    providers: ctx.providers,
    hooks: { hooksBase: ctx.hooksBase, publicBase: ctx.publicBase, setTunnelUrl: ctx.setTunnelUrl },
    noteTestResult: readiness.noteTestResult
  })
  const reconcile = createReconcileService(kernel, {
    repo: reconcileRepo,
    analytics: providerAnalytics,
    transact: callbackCore.transact,
    applyStatus: callbackCore.applyStatus,
    providers: ctx.providers,
    adapterFor: ctx.adapterFor,
    subscribe: ctx.subscribe,
    trend: stats.trend
  })
  // The demo generator beside the running engine (tests, benches): the engine's own repositories.
  const demo = demoStoreWith(ctx.db, {
    campaigns: campaignRepo,
    providers: built.providerRepo,
    contacts: ctx.contacts,
    messages: ctx.messages,
    events: ctx.events,
    stats: statsRebuild,
    createSandbox: (now) => ctx.providers.create(BUILT_IN_SANDBOX, now).id
  })
  const reportSources: ReportSources = {
    summary: stats.summary,
    cost: pricing.cost,
    trend: stats.trend,
    errors: stats.errors,
    reconciliation: reconcile.reconciliation,
    campaign: (id) => campaigns.get(id),
    openRecipients: () => openRecipientExport(ctx.db.name, ctx.config.nativeBinding),
    printRoute: late.printRoute
  }
  const reports = createReportService(ctx, {
    sources: reportSources,
    schedules: createScheduleRepo(ctx.db),
    auditChunks: auditRepo.chunkAfter
  })

  const lifecycle = createLifecycle(
    [
      // Stopped last: dispatch sends through it until dispatch stops; what is still due is dropped.
      ['sandbox', { start: () => undefined, stop: () => built.sandbox.close() }],
      ['stats', stats],
      // Listening before anything can apply a template webhook (processor) or send (dispatch).
      ['templatePauses', templatePauses],
      // Before callbacks: rows in flight at the last stop become unknown, so their reports resolve them.
      ['campaigns', { start: () => campaigns.recover(), stop: () => campaigns.stop() }],
      ['callbacks', callbacks],
      // After callbacks: a report carrying our id settles a lost send before a lookup is needed.
      ['lostSends', lostSends],
      // After campaigns recovered: its first decision sees the runs that resumed.
      ['keepAwake', keepAwake],
      ['templates', templates],
      // Before the tunnel: its first `up` (auto-start) must find the registrations listening.
      ['registration', registration],
      ['tunnel', tunnel],
      // Listens to the tunnel's status (a gap closing); stopped before the tunnel and campaigns.
      ['reconcile', reconcile],
      // Last: scheduled exports read the stats and campaign services.
      ['reports', reports]
    ],
    ctx.log
  )
  return {
    kernel,
    systemInfo,
    data,
    users,
    audit,
    contacts,
    optOuts,
    providers,
    revenueCurrency,
    stats,
    pricing,
    campaigns,
    launchPreview,
    templatePreview,
    callbacks,
    lostSends,
    keepAwake,
    templates,
    registration,
    tunnel,
    reports,
    reportSources,
    reconcile,
    demo,
    lifecycle
  }
}
export type EngineServices = ReturnType<typeof createServices>
