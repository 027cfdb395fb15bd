import type { Events } from '../../shared/ipc/contract'
import type { EngineContext } from '../engine/context'
import { previewBubbles } from '../templates/preview'
import { createTemplateService } from '../templates/syncService'
import type { DomainHandlers } from './types'

/** Template lists per provider account (issue #13): sync, list, bubble preview. */
export function templateHandlers(
  ctx: EngineContext
): DomainHandlers<'templates.sync' | 'templates.list' | 'templates.preview'> {
  const templates = createTemplateService(ctx)
  void templates.start()
  const unsubscribe = ctx.subscribe((name, payload) => {
    if (name !== 'providers.changed') return
    const { providerId, created } = payload as Events['providers.changed']
    templates.accountChanged(providerId, created)
  })
  ctx.onClose(async () => {
    unsubscribe()
    await templates.stop()
  })
  return {
    'templates.sync': (i) => templates.sync(i.providerId),
    'templates.list': (i) => templates.list(i.providerId),
    'templates.preview': (i) => previewBubbles(ctx.db, i.draft, i.phone)
  }
}
