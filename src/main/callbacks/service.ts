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

export interface CallbackServiceOptions {
  adapterFor(type: ProviderType): ProviderAdapter | undefined
}

/**
 * Wires the callback side of the engine: receiver on the hooks listener → durable inbox (group
 * commit) → processor → throttled `stats.changed` / `callbacks.received` events; plus health.
 */
export function startCallbackService(ctx: EngineContext, options: CallbackServiceOptions) {
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
  ctx.setHookHandler(
    createReceiver({
      findAccount: (id) => ctx.providers.find(id),
      adapterFor: options.adapterFor,
      inbox,
      probeSecret: () => (secret ??= probeSecret(ctx.db)),
      publicBase: ctx.publicBase,
      hooksBase: ctx.hooksBase,
      handleEvents: events.handle,
      log: ctx.log
    })
  )
  processor.start()
  // WAL checkpoints in a worker thread, not inside the receiver's commits (p99 of answers).
  const checkpointer = startCheckpointer(ctx.db, {
    nativeBinding: ctx.config.nativeBinding,
    log: ctx.log
  })
  ctx.onClose(() => checkpointer.stop())
  ctx.onClose(() => {
    processor.stop()
    inbox.close()
    statsChanged.stop()
    received.stop()
  })
  const health = createHealth(ctx.db)

  return {
    health,
    processor,
    inbox,
    eventsEndpoint() {
      const path = `/hooks/events/${eventsToken(ctx.db)}`
      const base = ctx.publicBase()
      return { path, url: base ? `${base.replace(/\/+$/, '')}${path}` : null }
    }
  }
}
