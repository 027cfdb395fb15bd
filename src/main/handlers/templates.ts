import type { EngineServices } from '../engine/services'
import { previewBubbles } from '../campaigns/preview'
import type { DomainHandlers } from './types'

/** Template lists per provider account (issue #13): sync, list, bubble preview. */
export function templateHandlers({
  ctx,
  templates
}: EngineServices): DomainHandlers<'templates.sync' | 'templates.list' | 'templates.preview'> {
  return {
    'templates.sync': (i) => templates.sync(i.providerId),
    'templates.list': (i) => templates.list(i.providerId),
    'templates.preview': (i) => previewBubbles(ctx.db, i.draft, i.phone)
  }
}
