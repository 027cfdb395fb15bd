import { createCampaignService } from '../campaigns/service'
import type { EngineContext } from '../engine/context'
import { watchTemplatePauses } from '../templates/pauseOnTemplate'
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

/** Env overrides let tests and benches shorten provider deadlines and retry delays. */
function envMs(name: string): number | undefined {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : undefined
}

export function campaignHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  const campaigns = createCampaignService(ctx, {
    sendTimeoutMs: envMs('TICKBOARD_SEND_TIMEOUT_MS'),
    retryBaseMs: envMs('TICKBOARD_RETRY_BASE_MS')
  })
  campaigns.recover()
  ctx.onClose(watchTemplatePauses(ctx, (id, reason) => campaigns.pause(id, reason)))
  return {
    'campaigns.create': (i) => campaigns.create(i),
    'campaigns.update': (i) => campaigns.update(i.id, i.draft),
    'campaigns.preview': (i) => campaigns.preview(i.draft),
    'campaigns.launch': (i) => campaigns.launch(i.id, i.overrideReadiness),
    'campaigns.pause': (i) => campaigns.pause(i.id),
    'campaigns.resume': (i) => campaigns.resume(i.id),
    'campaigns.cancel': (i) => campaigns.cancel(i.id),
    'campaigns.get': (i) => campaigns.get(i.id),
    'campaigns.list': () => ({ campaigns: campaigns.list() })
  }
}
