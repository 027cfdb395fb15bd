import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import type { EventListener } from '../kernel/events'
import type { Log } from '../kernel/kernel'
import type { Events } from '../../shared/ipc/contract'

type TemplateChanged = Events['templates.changed']

/** Template statuses under which a send fails: a campaign sending the template pauses. */
const STOPPED = new Set(['PAUSED', 'DISABLED'])

export function templatePauseReason(change: TemplateChanged): string {
  const id = `${change.name ?? 'its template'}${change.language ? ` (${change.language})` : ''}`
  const why = change.reason && change.reason !== 'NONE' ? `: ${change.reason}` : ''
  return `Paused: the provider ${change.value === 'DISABLED' ? 'disabled' : 'paused'} template ${id}${why}. Every further send would fail; resume once the template is approved again, or cancel.`
}

/**
 * Pauses every running campaign of the account whose template the provider just paused or
 * disabled, with the reason, from `start` to `stop`. Deferred to the next turn: the webhook is
 * applied inside the callback processor's transaction, and pausing flushes the dispatcher's own
 * writes.
 */
export function createTemplatePauseWatcher(
  deps: {
    campaigns: Pick<CampaignRepo, 'runningOf'>
    subscribe: (listener: EventListener) => () => void
    log: Log
  },
  pause: (campaignId: string, reason: string) => void
) {
  let unsubscribe: (() => void) | null = null
  const onEvent: EventListener = (name, payload) => {
    if (name !== 'templates.changed') return
    const change = payload as TemplateChanged
    if (change.change !== 'status' || !STOPPED.has(change.value) || !change.name) return
    setImmediate(() => {
      if (!unsubscribe) return // stopped meanwhile: the data file may be closing
      for (const row of deps.campaigns.runningOf(change.providerId)) {
        const t = (JSON.parse(row.draft) as CampaignDraft).template
        if (t.name !== change.name || (change.language && t.language !== change.language)) continue
        try {
          pause(row.id, templatePauseReason(change))
        } catch (err) {
          deps.log(`templates: could not pause campaign ${row.id}`, err)
        }
      }
    })
  }
  return {
    start(): void {
      unsubscribe ??= deps.subscribe(onEvent)
    },
    stop(): void {
      unsubscribe?.()
      unsubscribe = null
    }
  }
}

/** Meta's send errors for a template that cannot be sent right now (providers.md §1.9). */
const TEMPLATE_STOPPED: Record<string, string> = {
  '132015': 'paused',
  '132016': 'disabled'
}

/** The pause reason for a send refused because its template is paused or disabled, else null. */
export function templateSendPauseReason(
  providerCode: string | null,
  providerMessage: string | null
): string | null {
  const state = providerCode ? TEMPLATE_STOPPED[providerCode] : undefined
  if (!state) return null
  return `Paused: the provider refused the template as ${state} (${providerCode}${providerMessage ? ` ${providerMessage}` : ''}). Resume once the template is approved again, or cancel.`
}
