import type { EngineContext } from '../engine/context'
import { pending } from './pending'
import type { DomainHandlers } from './types'

type Routes =
  | 'campaigns.create'
  | 'campaigns.update'
  | 'campaigns.preview'
  | 'campaigns.launch'
  | 'campaigns.pause'
  | 'campaigns.resume'
  | 'campaigns.cancel'
  | 'campaigns.get'
  | 'campaigns.list'

export function campaignHandlers(_ctx: EngineContext): DomainHandlers<Routes> {
  return {
    'campaigns.create': pending('campaigns.create'),
    'campaigns.update': pending('campaigns.update'),
    'campaigns.preview': pending('campaigns.preview'),
    'campaigns.launch': pending('campaigns.launch'),
    'campaigns.pause': pending('campaigns.pause'),
    'campaigns.resume': pending('campaigns.resume'),
    'campaigns.cancel': pending('campaigns.cancel'),
    'campaigns.get': pending('campaigns.get'),
    'campaigns.list': () => ({ campaigns: [] })
  }
}
