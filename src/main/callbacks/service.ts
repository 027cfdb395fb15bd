import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ParsedInput } from '../../shared/ipc/contract'
import type { CallbackHealth } from '../../shared/ipc/routes/callbacks'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import type { CallbackRepos } from '../db/repos/callbackRepos'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { ReconcileRepo } from '../db/repos/reconcileRepo'
import type { SettingRepo } from '../db/repos/settingRepo'
import { urlOn } from '../http/url'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccount } from '../providers/providerAccounts'
import type { ProviderAdapter } from '../providers/types'
import { createEventsEndpoint, eventsToken } from './eventsEndpoint'
import { createHealth } from './health'
import { createInbox, type Inbox } from './inbox'
import { probeSecret } from './probe'
import { CallbackProcessor, type ProcessorDeps } from './processor'
import { createReceiver } from './receiver'
import { createKeyedThrottle, type KeyedThrottle } from './throttle'

/** The callback listener of the engine: where the receiver is installed, and its addresses. */
export interface HookHost {
  /** Installs the request handler of `/hooks/...`; null: 404 (providers retry later). */
  setHandler(handler: ((req: IncomingMessage, res: ServerResponse) => void) | null): void
  /** The tunnel URL when up, else `--public-url`, else null. */
  publicBase(): string | null
  /** The public base when there is one, else the loopback listener (engine/hooks.ts). */
  callbackBase(): string
}

export interface CallbackServiceDeps {
  /** The callback repositories, the item appliers and the status applier (processor). */
  core: ProcessorDeps & { repos: CallbackRepos }
  reconcile: Pick<ReconcileRepo, 'reconciled'>
  settings: SettingRepo
  contacts: ContactRepo
  events: EventRepo
  findAccount(id: string): ProviderAccount | undefined
  adapterFor(type: ProviderType): ProviderAdapter | undefined
  hooks: HookHost
  /** WAL checkpoints off the event loop while the service runs (db/checkpointer). */
  startCheckpointer(): { stop(): Promise<void> }
}

/**
 * The callback side of the engine: receiver on the hooks listener → durable inbox (group
 * commit) → processor → throttled `stats.changed` / `callbacks.received` events; plus health.
 * `start` installs the receiver and starts the processor and the WAL checkpointer.
 */
export class CallbackService {
  readonly processor: CallbackProcessor
  readonly inbox: Inbox
  private readonly deps: CallbackServiceDeps
  private readonly clock: Kernel['clock']
  private readonly healthOf: ReturnType<typeof createHealth>
  private readonly receiver: (req: IncomingMessage, res: ServerResponse) => void
  /** Events are capped at 4 per second per campaign / provider however fast callbacks arrive. */
  private readonly statsChanged: KeyedThrottle
  private readonly received: KeyedThrottle
  /** When each provider's last callback was committed (`callbacks.received`). */
  private readonly lastAt = new Map<string, number>()
  private secret: string | null = null
  private checkpointer: { stop(): Promise<void> } | null = null

  constructor(kernel: Kernel, deps: CallbackServiceDeps) {
    this.deps = deps
    this.clock = kernel.clock
    const { core, hooks } = deps
    // The engine's clock: arrival times, and the now rows are applied, retried and pruned at.
    const now = (): number => kernel.clock.now()
    this.statsChanged = createKeyedThrottle((campaignId) =>
      kernel.emit('stats.changed', { campaignId })
    )
    this.received = createKeyedThrottle((providerId) =>
      kernel.emit('callbacks.received', {
        providerId,
        at: this.lastAt.get(providerId) ?? now()
      })
    )
    this.processor = new CallbackProcessor(core, {
      onApplied: (campaigns) => campaigns.forEach((id) => this.statsChanged.touch(id)),
      log: kernel.log,
      now
    })
    this.inbox = createInbox(core.repos.inbox, {
      log: kernel.log,
      onCommit: (providerIds, at) => {
        for (const id of providerIds) {
          this.lastAt.set(id, at)
          this.received.touch(id)
        }
        this.processor.wake()
      }
    })
    const events = createEventsEndpoint({
      settings: deps.settings,
      contacts: deps.contacts,
      events: deps.events,
      inbox: this.inbox,
      now
    })
    this.receiver = createReceiver({
      findAccount: deps.findAccount,
      adapterFor: deps.adapterFor,
      inbox: this.inbox,
      probeSecret: () => (this.secret ??= probeSecret(deps.settings)),
      callbackBase: hooks.callbackBase,
      handleEvents: events.handle,
      log: kernel.log,
      now
    })
    this.healthOf = createHealth({
      reads: core.repos.health,
      latency: core.repos.latency,
      reconcile: deps.reconcile
    })
  }

  /** `now`: the moment "awaiting report" is measured at (the engine's; tests look ahead of it). */
  health(scope: ParsedInput<'callbacks.health'>, now = this.clock.now()): CallbackHealth {
    // A mistyped id would otherwise look like a healthy, silent scope (all zeros).
    if (
      scope.campaignId !== undefined &&
      this.deps.core.repos.health.providerOfCampaign(scope.campaignId) === undefined
    )
      throw new AppError(ErrorCode.notFound, `No campaign ${scope.campaignId}`)
    if (scope.providerId !== undefined && !this.deps.findAccount(scope.providerId))
      throw new AppError(ErrorCode.notFound, `No provider ${scope.providerId}`)
    return this.healthOf(scope, now)
  }

  start(): void {
    this.deps.hooks.setHandler(this.receiver)
    this.processor.start()
    // WAL checkpoints in a worker thread, not inside the receiver's commits (p99 of answers).
    this.checkpointer = this.deps.startCheckpointer()
  }

  /** Callbacks arriving from now on get 404 and are retried by the provider. */
  async stop(): Promise<void> {
    this.deps.hooks.setHandler(null)
    this.processor.stop()
    this.inbox.close()
    this.statsChanged.stop()
    this.received.stop()
    await this.checkpointer?.stop()
    this.checkpointer = null
  }

  eventsEndpoint(): { path: string; url: string | null } {
    const path = `/hooks/events/${eventsToken(this.deps.settings)}`
    const base = this.deps.hooks.publicBase()
    return { path, url: base ? urlOn(base, path) : null }
  }
}
