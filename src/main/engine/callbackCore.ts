import { createItemAppliers } from '../callbacks/applyItems'
import { createStatusApplier } from '../callbacks/applyStatus'
import type { TemplateChanged } from '../callbacks/applyTemplateItem'
import type { CallbackRepos } from '../db/repos/callbackRepos'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { TemplateRepo } from '../db/repos/templateRepo'
import type { Transact } from '../db/transactions'
import { createMarketingActionApplier } from '../pricing/marketingActions'
import { createPricingRecorder } from '../pricing/messagePricing'

/**
 * The callback side, each part built once over the callback repositories: the one status applier
 * (shared by the processor, lost sends and reconcile lookups) and the item appliers. `transact`
 * runs a slice of inbox rows as one unit of work across those repositories.
 */
export function createCallbackCore(
  repos: CallbackRepos,
  transact: Transact,
  deps: {
    messages: MessageRepo
    isOptOutKeyword: (text: string | null) => boolean
    templates: TemplateRepo
    onTemplate?: (change: TemplateChanged) => void
  }
) {
  const applyStatus = createStatusApplier({
    statusLog: repos.statusLog,
    messages: deps.messages,
    recordPricing: createPricingRecorder(repos.messagePricing)
  })
  const appliers = createItemAppliers({
    repos,
    messages: deps.messages,
    applyStatus,
    isOptOutKeyword: deps.isOptOutKeyword,
    templates: deps.templates,
    applyMarketingAction: createMarketingActionApplier(repos.marketingActions),
    onTemplate: deps.onTemplate
  })
  return { repos, applyStatus, appliers, transact }
}
