import type { ProviderAccount } from '../providers/providerAccounts'
import type { ProviderAdapter } from '../providers/types'
import type { CallBudget } from '../providers/callBudget'
import type { AnalyticsRepo, CampaignTemplate } from '../db/repos/providerAnalyticsRepo'
import type { FetchOutcome } from '../db/repos/reconcileRepo'

const DAY = 24 * 3600_000
/** Meta keeps 90 days of template analytics (look-back). */
const LOOK_BACK_MS = 90 * DAY

export interface AnalyticsRun {
  outcome: FetchOutcome
  detail: string | null
  /** Template-days the provider returned. */
  fetched: number
}

/**
 * Fetches the provider's template analytics for the days a campaign sent (its launch day to its
 * end, or today) and stores them per template and day with the time fetched. They are never
 * written into message states: `stats.reconciliation` shows them beside ours.
 */
export async function fetchCampaignAnalytics(
  account: ProviderAccount,
  adapter: ProviderAdapter,
  campaign: CampaignTemplate,
  repo: AnalyticsRepo,
  now: number,
  { signal, budget }: { signal: AbortSignal; budget: CallBudget }
): Promise<AnalyticsRun | null> {
  if (!adapter.templateAnalytics) return null
  if (!campaign.templateId)
    return {
      outcome: 'no_template',
      detail: `The synced template list has no id for ${campaign.templateName ?? '?'} (${campaign.language ?? '?'}): sync the templates, then fetch again.`,
      fetched: 0
    }
  const from = Math.max(Math.floor(campaign.launchedAt / DAY) * DAY, now - LOOK_BACK_MS)
  const to = Math.min(now, (Math.floor((campaign.completedAt ?? now) / DAY) + 1) * DAY)
  const result = await adapter.templateAnalytics(
    account,
    {
      templateIds: [campaign.templateId],
      from,
      to,
      marketingMessagesApi: campaign.marketingMessagesApi,
      now
    },
    signal,
    budget
  )
  if (result.kind !== 'ok') return { outcome: result.kind, detail: result.detail, fetched: 0 }
  repo.store(account.id, result.days, now)
  return { outcome: 'ok', detail: null, fetched: result.days.length }
}
