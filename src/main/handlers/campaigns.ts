import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'campaigns.create'
  | 'campaigns.update'
  | 'campaigns.preview'
  | 'campaigns.launch'
  | 'campaigns.launchPreview'
  | 'campaigns.pause'
  | 'campaigns.resume'
  | 'campaigns.cancel'
  | 'campaigns.duplicate'
  | 'campaigns.delete'
  | 'campaigns.get'
  | 'campaigns.list'
  | 'campaigns.unknownOutcomes'
  | 'campaigns.resendUnknown'

export function campaignHandlers({
  campaigns,
  launchPreview
}: EngineServices): DomainHandlers<Routes> {
  return {
    'campaigns.create': (i) => campaigns.create(i),
    'campaigns.update': (i, caller) =>
      campaigns.update(i.id, i.draft, { version: i.version, editedBy: caller.name }),
    'campaigns.preview': (i) => campaigns.preview(i.draft),
    'campaigns.launch': (i) => campaigns.launch(i.id, i.overrideReadiness),
    'campaigns.launchPreview': (i) => launchPreview(i.id),
    'campaigns.pause': (i) => campaigns.pause(i.id),
    'campaigns.resume': (i) => campaigns.resume(i.id),
    'campaigns.cancel': (i) => campaigns.cancel(i.id),
    'campaigns.duplicate': (i) => campaigns.duplicate(i.id),
    'campaigns.delete': (i) => campaigns.remove(i.id),
    'campaigns.get': (i) => campaigns.get(i.id),
    'campaigns.list': (i) =>
      campaigns.list({
        search: i.search,
        statuses: i.statuses,
        offset: i.offset,
        limit: i.limit ?? null
      }),
    'campaigns.unknownOutcomes': (i) => campaigns.unknownOutcomes(i.id, i.offset, i.limit),
    'campaigns.resendUnknown': (i) => campaigns.resendUnknown(i.id)
  }
}
