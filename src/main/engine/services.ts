import { CallbackService } from '../callbacks/service'
import { startCheckpointer } from '../db/checkpointer'
import type { Db } from '../db/openDb'
import { createCallbackRepos } from '../db/repos/callbackRepos'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { SettingRepo } from '../db/repos/settingRepo'
import { transactionsOf } from '../db/transactions'
import type { Kernel } from '../kernel/kernel'
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
import type { HookSeam } from './hooks'
import { createCallbackCore } from './callbackCore'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { EventListener } from '../kernel/events'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import type { SecretBox } from '../secrets/secretBox'
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
import { createTemplateRepo } from '../db/repos/templateRepo'
import { BUILT_IN_SANDBOX } from '../providers/sandbox/builtIn'
import { createLifecycle } from '../kernel/lifecycle'
import { createUserRepo } from '../db/repos/userRepo'
import { createAuditRepo } from '../db/repos/auditRepo'
import { createUserAccounts } from '../users/accounts'
import { createAuditLog } from '../users/auditLog'

/** The repositories built before the services (the Sandbox and the first-run seed use them too). */
export interface CoreRepos {
  contacts: ContactRepo
  events: EventRepo
  /** The only writer of `message`. */
  messages: MessageRepo
  providers: ProviderRepo
  /** The provider accounts over `providers` (secrets decrypted, callback URLs made). */
  accounts: ProviderAccounts
  settings: SettingRepo
  campaigns: CampaignRepo
}

/** What the composition root builds before the services and hands them by name. */
export interface EngineParts {
  kernel: Kernel
  /** The one connection: only the composition root builds repositories over it. */
  db: Db
  /** Listens to every engine event (what the transports get); returns the unsubscribe. */
  subscribe: (listener: EventListener) => () => void
  secrets: SecretBox
  repos: CoreRepos
  /** The callback listener: its handler, the tunnel URL and the bases of callback URLs. */
  hooks: HookSeam
  /** The adapter of each provider type; the Sandbox among them is the engine's one instance. */
  adapters: { adapterFor: AdapterRegistry; sandbox: SandboxAdapter }
}

/**
 * Every long-lived service of the engine, each built once and given exactly what it uses.
 * Building has no side effects: the lifecycle starts them in the order listed (a service after
 * those it relies on) and stops them in reverse, so handlers only map routes to these methods.
 */
export function createServices(
  { kernel, db, subscribe, secrets, repos, hooks, adapters }: EngineParts,
  late: { printRoute: ReportSources['printRoute'] }
) {
  const { config, clock, log, emit } = kernel
  const { adapterFor, sandbox } = adapters
  const data = createDataService(kernel, (request) =>
    backupDataFile(db, config.dataDir, request, clock.now())
  )
  const systemInfo = createSystemInfo(config, hooks.publicBase, secrets)
  const users = createUserAccounts(createUserRepo(db), clock)
  const auditRepo = createAuditRepo(db)
  const audit = createAuditLog(auditRepo, clock)
  const contacts = createContactService({
    contacts: repos.contacts,
    events: repos.events,
    emit,
    clock
  })
  const { settings, campaigns: campaignRepo } = repos
  const keywords = createKeywordStore(settings)
  const templateRepo = createTemplateRepo(db)
  const callbackCore = createCallbackCore(createCallbackRepos(db), transactionsOf(db), {
    messages: repos.messages,
    isOptOutKeyword: keywords.matches,
    templates: templateRepo,
    onTemplate: (change) => emit('templates.changed', change)
  })
  const optOuts = { keywords, list: createOptOutList(callbackCore.repos.optOuts) }
  const providers = createProviderService(kernel, repos.accounts)
  const revenueCurrency = createRevenueCurrency(settings)
  const reconcileRepo = createReconcileRepo(db)
  const providerAnalytics = createAnalyticsRepo(db)
  const marketingStats = createMarketingStatsReader(db)
  const clicks = createClickCounts({
    analytics: providerAnalytics,
    zoneOf: (type) => adapterFor(type as ProviderType).analyticsZone,
    now: () => kernel.clock.now()
  })
  const statsRebuild = createStatsRebuild(db)
  const stats = createStatsService(kernel, {
    reads: createStatsReadRepo(db),
    conversions: createConversionRepo(db),
    rebuild: statsRebuild,
    clicks,
    engagement: createEngagementCounts(db),
    drillDownFor: (explain) => createDrillDown(createErrorRecipientsRepo(db), explain),
    defaultCurrency: revenueCurrency.get
  })
  const campaignCosts = createCampaignCostRepo(db)
  const pricing = createPricingService(
    { pricing: createPricingRepo(db), campaigns: campaignCosts, marketing: marketingStats },
    stats.summary,
    clock
  )
  const draftReads: DraftReads = {
    audience: createAudienceRepo(db),
    templates: templateRepo,
    providerType: (id) => repos.accounts.typeOf(id)
  }
  const templatePreview = (draft: Partial<CampaignDraft>, phone?: string) =>
    previewBubbles(draftReads, draft, phone)
  const registrationStore = createRegistrationRepo(db)
  const readiness = createReadinessChecks({
    providers: repos.accounts,
    store: registrationStore,
    clock
  })
  const dispatcher = new Dispatcher(
    kernel,
    {
      campaigns: campaignRepo,
      messages: repos.messages,
      marketingSends: createMarketingSendRecorder(db),
      marketingApi: campaignCosts.usesMarketingMessagesApi,
      providers: repos.accounts,
      adapterFor: adapterFor,
      callbackBase: hooks.callbackBase
    },
    // Campaigns feed dispatch (their qualifier says when an audience is fixed); built just below.
    { qualifying: (id) => campaigns.qualifying(id) },
    {
      sendTimeoutMs: config.settings.sendTimeoutMs,
      retryBaseMs: config.settings.retryBaseMs
    }
  )
  const campaigns: CampaignService = new CampaignService(
    kernel,
    {
      campaigns: campaignRepo,
      qualifyJobs: createQualifyJobRepo(db),
      reads: draftReads,
      messages: repos.messages,
      providers: repos.accounts,
      readiness,
      dispatcher
    },
    {
      lostSendDeadlineMs: config.settings.lostSendDeadlineMs,
      defaultCurrency: revenueCurrency.get
    }
  )
  const launchPreview = createLaunchPreview(campaigns, pricing, {
    templateOf: (draft) => templateOfDraft(templateRepo, draft),
    audienceByPrefix: (draft) => audienceByPrefix(draftReads.audience, draft),
    accountRate: (id) => repos.accounts.find(id)?.ratePerSecond ?? null
  })
  const templatePauses = createTemplatePauseWatcher(
    { campaigns: campaignRepo, subscribe: subscribe, log: log },
    (id, reason) => campaigns.pause(id, reason)
  )
  const callbacks = new CallbackService(kernel, {
    core: callbackCore,
    reconcile: reconcileRepo,
    settings,
    contacts: repos.contacts,
    events: repos.events,
    findAccount: (id) => repos.accounts.find(id),
    adapterFor(type) {
      try {
        return adapterFor(type)
      } catch {
        return undefined
      }
    },
    hooks: {
      setHandler: hooks.setHandler,
      publicBase: hooks.publicBase,
      callbackBase: hooks.callbackBase
    },
    startCheckpointer: () =>
      startCheckpointer(db, { nativeBinding: config.nativeBinding, log: log })
  })
  const lostSends = createLostSendService(
    kernel,
    { messages: repos.messages, providers: repos.accounts, adapterFor: adapterFor },
    {
      deadlineMs: config.settings.lostSendDeadlineMs,
      applyStatus: callbackCore.applyStatus
    }
  )
  const keepAwake = createKeepAwakeService(kernel, createKeepAwakeRepo(db), subscribe)
  const templates = createTemplateService(kernel, {
    templates: templateRepo,
    campaigns: campaignRepo,
    accounts: repos.accounts,
    subscribe: subscribe
  })
  const registration = createRegistrationService(kernel, {
    store: registrationStore,
    providers: repos.accounts,
    subscribe: subscribe,
    publicBase: hooks.publicBase
  })
  const tunnel = createTunnelService(kernel, {
    store: createTunnelStore(settings, createTunnelEventRepo(db)),
    settings,
    providers: repos.accounts,
    hooks: {
      hooksBase: hooks.hooksBase,
      publicBase: hooks.publicBase,
      setTunnelUrl: hooks.setTunnelUrl
    },
    noteTestResult: readiness.noteTestResult
  })
  const reconcile = createReconcileService(kernel, {
    repo: reconcileRepo,
    analytics: providerAnalytics,
    transact: callbackCore.transact,
    applyStatus: callbackCore.applyStatus,
    providers: repos.accounts,
    adapterFor: adapterFor,
    subscribe: subscribe,
    trend: stats.trend
  })
  // The demo generator beside the running engine (tests, benches): the engine's own repositories.
  const demo = demoStoreWith(db, {
    campaigns: campaignRepo,
    providers: repos.providers,
    contacts: repos.contacts,
    messages: repos.messages,
    events: repos.events,
    stats: statsRebuild,
    createSandbox: (now) => repos.accounts.create(BUILT_IN_SANDBOX, now).id
  })
  const reportSources: ReportSources = {
    summary: stats.summary,
    cost: pricing.cost,
    trend: stats.trend,
    errors: stats.errors,
    reconciliation: reconcile.reconciliation,
    campaign: (id) => campaigns.get(id),
    openRecipients: () => openRecipientExport(db.name, config.nativeBinding),
    printRoute: late.printRoute
  }
  const reports = createReportService(kernel, {
    sources: reportSources,
    schedules: createScheduleRepo(db),
    auditChunks: auditRepo.chunkAfter
  })

  const lifecycle = createLifecycle(
    [
      // Stopped last: dispatch sends through it until dispatch stops; what is still due is dropped.
      ['sandbox', { start: () => undefined, stop: () => sandbox.close() }],
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
    log
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
