import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

/** Template lists per provider account (issue #13): sync, list, bubble preview. */
export function templateHandlers({
  templates,
  templatePreview
}: EngineServices): DomainHandlers<'templates.sync' | 'templates.list' | 'templates.preview'> {
  return {
    'templates.sync': (i) => templates.sync(i.providerId),
    'templates.list': (i) => templates.list(i.providerId),
    'templates.preview': (i) => templatePreview(i.draft, i.phone)
  }
}
