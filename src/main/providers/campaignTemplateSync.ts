import type { Events } from '../../shared/ipc/contract'
import type { EventListener } from '../kernel/events'
import type { ProviderAccount } from './providerAccounts'

export interface CampaignTemplateSyncOptions {
  everyMs: number
  /** Whether this account's list may be fetched automatically (network accounts in tests: no). */
  syncs: (account: ProviderAccount) => boolean
  findAccount: (providerId: string) => ProviderAccount | undefined
  sync: (providerId: string) => Promise<unknown>
  subscribe: (listener: EventListener) => () => void
  /** The accounts of the campaigns sending now. */
  sendingAccounts: () => string[]
  accountOfCampaign: (campaignId: string) => string | undefined
}

/**
 * Re-reads the template list of every account with a sending campaign: when the campaign is
 * first seen running (its launch, a resume, or a restart) and every `everyMs` while it sends.
 * Meta sends template webhooks (message_template_status_update, quality, category) only to the
 * app's default callback URL, never to the phone-number override Tickboard registers
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override:
 * "Template webhooks … do not support callback overrides"), so a template paused mid-campaign
 * would otherwise go unnoticed. A sync that finds a template paused or disabled announces it as
 * the webhook does (`templates.changed`), and the pause watcher pauses the campaign.
 */
export function createCampaignTemplateSync(o: CampaignTemplateSyncOptions) {
  /** Campaigns seen running since they last were not (a launch or resume syncs once). */
  const seen = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  let unsubscribe: (() => void) | null = null

  function syncAccount(providerId: string): void {
    const account = o.findAccount(providerId)
    if (account && o.syncs(account)) void o.sync(providerId)
  }

  function syncSending(): void {
    for (const providerId of new Set(o.sendingAccounts())) syncAccount(providerId)
  }

  const onEvent: EventListener = (name, payload) => {
    if (name !== 'campaign.progress') return
    const { campaignId, status } = payload as Events['campaign.progress']
    if (status !== 'running') return void seen.delete(campaignId)
    if (seen.has(campaignId)) return
    seen.add(campaignId)
    const providerId = o.accountOfCampaign(campaignId)
    if (providerId) syncAccount(providerId)
  }

  return {
    start(): void {
      unsubscribe ??= o.subscribe(onEvent)
      if (!timer) {
        timer = setInterval(syncSending, Math.min(o.everyMs, 2 ** 31 - 1))
        timer.unref()
      }
    },
    stop(): void {
      unsubscribe?.()
      unsubscribe = null
      if (timer) clearInterval(timer)
      timer = null
      seen.clear()
    }
  }
}
