import type { ParsedInput } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import type { EngineContext } from '../engine/context'
import type { ProviderAdapter } from '../providers/types'
import { startCheckpointer } from './checkpointer'
import { createEventsEndpoint, eventsToken } from './eventsEndpoint'
import { createHealth } from './health'
import { createInbox } from './inbox'
import { probeSecret } from './probe'
import { createProcessor } from './processor'
import { createReceiver } from './receiver'
import { createKeyedThrottle } from './throttle'
import { urlOn } from '../http/url'

export interface CallbackServiceOptions {
  adapterFor(type: ProviderType): ProviderAdapter | undefined
}

/**
 * The callback side of the engine: receiver on the hooks listener → durable inbox (group
 * commit) → processor → throttled `stats.changed` / `callbacks.received` events; plus health.
 * `start` installs the receiver and starts the processor and the WAL checkpointer.
 */
export function createCallbackService(ctx: EngineContext, options: CallbackServiceOptions) {
  // Events are capped at 4 per second per campaign / provider however fast callbacks arrive.
  const statsChanged = createKeyedThrottle((campaignId) =>
    ctx.emit('stats.changed', { campaignId })
  )
  const lastAt = new Map<string, number>()
  const received = createKeyedThrottle((providerId) =>
    ctx.emit('callbacks.received', { providerId, at: lastAt.get(providerId) ?? Date.now() })
  )
  const processor = createProcessor(ctx.db, {
    messages: ctx.messages,
    onApplied: (campaigns) => campaigns.forEach((id) => statsChanged.touch(id)),
    onTemplate: (change) => ctx.emit('templates.changed', change),
    log: ctx.log
  })
  const inbox = createInbox(ctx.db, {
    log: ctx.log,
    onCommit(providerIds, at) {
      for (const id of providerIds) {
        lastAt.set(id, at)
        received.touch(id)
      }
      processor.wake()
    }
  })
  const events = createEventsEndpoint({
    db: ctx.db,
    contacts: ctx.contacts,
    events: ctx.events,
    inbox
  })
  let secret: string | null = null
  const receiver = createReceiver({
    findAccount: (id) => ctx.providers.find(id),
    adapterFor: options.adapterFor,
    inbox,
    probeSecret: () => (secret ??= probeSecret(ctx.db)),
    publicBase: ctx.publicBase,
    hooksBase: ctx.hooksBase,
    handleEvents: events.handle,
    log: ctx.log
  })
  let checkpointer: ReturnType<typeof startCheckpointer> | null = null
  const health = createHealth(ctx.db)
  const campaignExists = ctx.db.prepare<[string], number>('SELECT 1 FROM campaign WHERE id = ?')
  campaignExists.pluck()

  return {
    health(scope: ParsedInput<'callbacks.health'>) {
      // A mistyped id would otherwise look like a healthy, silent scope (all zeros).
      if (scope.campaignId !== undefined && !campaignExists.get(scope.campaignId))
        throw new AppError(ErrorCode.notFound, `No campaign ${scope.campaignId}`)
      if (scope.providerId !== undefined && !ctx.providers.find(scope.providerId))
        throw new AppError(ErrorCode.notFound, `No provider ${scope.providerId}`)
      return health(scope)
    },
    processor,
    inbox,
    start(): void {
      ctx.setHookHandler(receiver)
      processor.start()
      // WAL checkpoints in a worker thread, not inside the receiver's commits (p99 of answers).
      checkpointer = startCheckpointer(ctx.db, {
        nativeBinding: ctx.config.nativeBinding,
        log: ctx.log
      })
    },
    /** Callbacks arriving from now on get 404 and are retried by the provider. */
    async stop(): Promise<void> {
      ctx.setHookHandler(null)
      processor.stop()
      inbox.close()
      statsChanged.stop()
      received.stop()
      await checkpointer?.stop()
      checkpointer = null
    },
    eventsEndpoint() {
      const path = `/hooks/events/${eventsToken(ctx.db)}`
      const base = ctx.publicBase()
      return { path, url: base ? urlOn(base, path) : null }
    }
  }
}
