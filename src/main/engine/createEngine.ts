import { version } from '../../../package.json'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { routes, type Handlers } from '../../shared/ipc/contract'
import { openDb, type Db } from '../db/openDb'
import { applyStagedRestore } from '../db/restore'
import { createCampaignRepo } from '../db/repos/campaignRepo'
import { createContactRepo } from '../db/repos/contactRepo'
import { createEventRepo } from '../db/repos/eventRepo'
import { createMessageRepo } from '../db/repos/messageRepo'
import { createProviderRepo } from '../db/repos/providerRepo'
import { createHandlers } from '../handlers'
import { createProviderAccounts } from '../providers/providerAccounts'
import { createAdapterRegistry } from '../providers/registry'
import { createSandboxAdapter } from '../providers/sandbox'
import type { SecretBox } from '../secrets/secretBox'
import { engineSettingsFrom } from '../kernel/environment'
import { systemClock, type Clock, type EngineConfig, type Kernel } from '../kernel/kernel'
import type { EngineSettings } from '../kernel/settings'
import { startHooks } from './hooks'
import { createEventBus } from '../kernel/events'
import { seedFirstRun } from './firstRun'
import { createSettingRepo } from '../db/repos/settingRepo'
import { createInvoker } from './invoke'
import { DESKTOP_USER, ENGINE_CALLER } from '../users/callers'
import { createServices, type CoreRepos } from './services'

export interface EngineOptions extends Omit<EngineConfig, 'version' | 'settings'> {
  /** Tunables; those not given are read from the environment once, here. */
  settings?: Partial<EngineSettings>
  hooksPort: number
  /** Loopback address of the callback listener (headless `--host`); 127.0.0.1 by default. */
  hooksHost?: string
  secrets: (dataDir: string) => SecretBox
  nativeBinding?: string
  log?: (message: string, err?: unknown) => void
  /** The engine's clock (tests of schedules move it by hand). */
  clock?: Clock
}

/**
 * Composition root without Electron: kernel → data file → callback listener (hooks) → the core
 * repositories → the Sandbox and the adapter registry → services (each built once, handed exactly
 * what it uses) → handlers (routes mapped to service methods). Both the Electron shell and headless
 * `serve` build exactly this. The services start in their lifecycle's order before this resolves;
 * `close` stops them in reverse, then closes the callback listener and the data file.
 */
export async function createEngine(options: EngineOptions) {
  const log =
    options.log ??
    ((message: string, err?: unknown) => console.error(`[engine] ${message}`, err ?? ''))
  const settings = { ...engineSettingsFrom(), ...options.settings }
  const config: EngineConfig = { ...options, version, settings }
  const bus = createEventBus((err) => log('an event listener failed', err))
  const kernel: Kernel = { config, clock: options.clock ?? systemClock, log, emit: bus.emit }
  const kept = applyStagedRestore(options.dataDir)
  if (kept) log(`restored the staged backup; the previous data file is kept at ${kept}`)
  const db = openDb(options.dataDir, { nativeBinding: options.nativeBinding })
  const secrets = options.secrets(options.dataDir)
  const hooks = await startHooks({
    port: options.hooksPort,
    host: options.hooksHost,
    publicUrl: config.publicUrl
  })

  // Built once, before the services: the Sandbox and the first-run seed use them too.
  const providerRepo = createProviderRepo(db)
  const repos: CoreRepos = {
    contacts: createContactRepo(db),
    events: createEventRepo(db),
    messages: createMessageRepo(db),
    providers: providerRepo,
    accounts: createProviderAccounts(providerRepo, secrets, hooks.publicBase),
    settings: createSettingRepo(db),
    campaigns: createCampaignRepo(db)
  }
  // Built once: the Sandbox holds a queue of pending callbacks that its service step closes.
  const sandbox = createSandboxAdapter({
    log,
    clock: kernel.clock,
    callbackBase: hooks.callbackBase,
    messages: repos.messages,
    events: repos.events,
    settings: repos.settings,
    campaigns: repos.campaigns
  })
  const adapterFor = createAdapterRegistry(sandbox)
  if (options.seedDemo) seedFirstRun({ ...repos, providers: repos.accounts }, kernel.clock.now())

  let handlers: Handlers | null = null
  const services = createServices(
    {
      kernel,
      db,
      subscribe: bus.subscribe,
      secrets,
      repos,
      hooks,
      adapters: { adapterFor, sandbox }
    },
    {
      // The printed report page's read routes: the page is the renderer, talking through the contract.
      async printRoute(route, input) {
        if (!handlers) throw new AppError(ErrorCode.unavailable, 'The engine is still starting')
        const parsed = routes[route].input.parse(input)
        return (handlers[route] as (i: unknown, c: unknown) => unknown)(parsed, ENGINE_CALLER)
      }
    }
  )
  handlers = createHandlers(services)
  try {
    await services.lifecycle.start()
  } catch (err) {
    await hooks.close()
    db.close()
    throw err
  }

  let closing: Promise<void> | null = null
  const invokeAs = createInvoker(handlers, log, services.audit.record)
  return {
    /** Config, clock, log and the event sink every service shares. */
    kernel,
    /**
     * The open data file: the seam for tests and benches that plant or read rows directly.
     * Engine code never reaches it from here; services get repositories from the composition root.
     */
    db: db as Db,
    /** Loopback base of the callback listener (`http://127.0.0.1:<port>`). */
    hooksBase: hooks.hooksBase,
    /** Installs the callback listener's `/hooks/...` handler (null: 404), as the callback service does. */
    setHookHandler: hooks.setHandler,
    /** The provider accounts (decrypted configs), as the services read them. */
    providerAccounts: repos.accounts,
    /** The contact event repository (conversion events), the one the services write through. */
    eventRepo: repos.events,
    /** A call of the desktop app's own user (Electron IPC): the local admin. */
    invoke: (route: string, input: unknown) => invokeAs(DESKTOP_USER, route, input),
    /** A call of a signed-in user of the API (`serve`): authorized by the route's role. */
    invokeAs,
    subscribe: bus.subscribe,
    hooksPort: hooks.port,
    services,
    /** Idempotent: a second call waits for the first. */
    close(): Promise<void> {
      closing ??= (async () => {
        await services.lifecycle.stop()
        await hooks.close()
        db.close()
      })()
      return closing
    }
  }
}
export type Engine = Awaited<ReturnType<typeof createEngine>>
