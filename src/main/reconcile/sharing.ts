import type { AnalyticsRepo, CampaignTemplate } from '../db/repos/providerAnalyticsRepo'

const DAY = 24 * 3600_000

/** When a day (`YYYY-MM-DD`) starts in a zone `offsetMs` ahead of UTC (IST: 5:30). */
export const dayStart = (day: string, offsetMs = 0): number =>
  Date.parse(`${day}T00:00:00Z`) - offsetMs

/**
 * The days a campaign sent on, in the provider's analytics zone (UTC; Gupshup IST): launch day
 * to its end (or `now` while it sends).
 */
export function campaignDays(campaign: CampaignTemplate, now: number, offsetMs = 0): string[] {
  const days: string[] = []
  const last = Math.floor(((campaign.completedAt ?? now) + offsetMs) / DAY)
  for (
    let d = Math.floor((campaign.launchedAt + offsetMs) / DAY);
    d <= last && days.length < 400;
    d++
  )
    days.push(new Date(d * DAY).toISOString().slice(0, 10))
  return days
}

/**
 * Per day, the other campaigns of the account that sent the same template (name and language)
 * that day: the provider's template analytics count their messages and clicks together.
 */
export function sharedWithByDay(
  repo: Pick<AnalyticsRepo, 'senders'>,
  campaign: CampaignTemplate,
  days: string[],
  now: number,
  offsetMs = 0
): Map<string, string[]> {
  const shared = new Map<string, string[]>()
  if (!campaign.templateName || !campaign.language) return shared
  const others = repo
    .senders(campaign.providerId, campaign.templateName, campaign.language)
    .filter((c) => c.id !== campaign.campaignId)
  for (const day of days) {
    const from = dayStart(day, offsetMs)
    const to = from + DAY
    const ids = others
      .filter((c) => c.launched_at < to && (c.completed_at ?? now) >= from)
      .map((c) => c.id)
    if (ids.length) shared.set(day, ids)
  }
  return shared
}
