import type { AnalyticsRepo } from '../db/repos/providerAnalyticsRepo'
import type { AnalyticsZone } from './reconciliation'
import { campaignDays, sharedWithByDay } from './sharing'

export interface ClickCounts {
  /** Button clicks measured for this campaign; null when no source can say (see `clickedReason`). */
  clicked: number | null
  /** Why `clicked` is null (or partial); null when it stands as measured. */
  clickedReason: string | null
  /** The provider's clicks of the template on the shared days (all senders together). */
  clickedShared: number | null
  /** Landing pages opened from this campaign's links (Marketing Messages API); null otherwise. */
  landingPageViews: number | null
}

const NO_SOURCE: Record<string, string> = {
  twilio: 'Twilio reports no button clicks (no template analytics, no click webhooks).',
  infobip: 'Infobip reports no button clicks to Tickboard (no template analytics here).',
  sandbox:
    'The Sandbox simulates clicks only for Marketing Messages API sends; this campaign sent none.'
}

/**
 * The one definition of Clicked (spec §6): the URL-button clicks of the provider's own template
 * analytics when the campaign is the only sender of its template on its days; else null with the
 * reason and the template-days' total. Without analytics, a Marketing Messages API campaign gets
 * the click webhooks attributed to it (the only such campaign of its number in 7 days). Quick-reply
 * button taps are replies, counted in Replied. Reads small tables only.
 */
export function createClickCounts({
  analytics,
  zoneOf,
  now
}: {
  /** The campaign's template, its click webhooks, its last analytics fetch; the stored days. */
  analytics: Pick<AnalyticsRepo, 'clickSources' | 'days' | 'senders'>
  /** The zone of a provider type's analytics days (Gupshup IST); UTC when not given. */
  zoneOf?: (providerType: string) => AnalyticsZone | undefined
  /** The engine's clock (which of the campaign's days have passed). */
  now: () => number
}) {
  return function counts(campaignId: string): ClickCounts {
    const { hooks, campaign, anyDays, lastFetch } = analytics.clickSources(campaignId)
    const none = (reason: string): ClickCounts => ({
      clicked: hooks.clicked,
      clickedReason: hooks.clicked === null ? reason : null,
      clickedShared: null,
      landingPageViews: hooks.landingPageViews
    })
    if (!campaign) return none('Not launched yet.')
    // Without any stored day of the template there is nothing to read (most campaigns, most reads).
    const offsetMs = anyDays ? (zoneOf?.(campaign.providerType)?.offsetMs ?? 0) : 0
    const days = anyDays ? campaignDays(campaign, now(), offsetMs) : []
    const rows =
      campaign.templateId && days.length
        ? analytics.days(campaign.providerId, campaign.templateId, days[0]!, days[days.length - 1]!)
        : []
    if (rows.length === 0) {
      if (lastFetch && lastFetch.outcome !== 'ok')
        return none(lastFetch.detail ?? lastFetch.outcome)
      return none(
        NO_SOURCE[campaign.providerType] ??
          "The provider's template analytics have not been fetched for this campaign yet."
      )
    }
    const shared = sharedWithByDay(analytics, campaign, days, now(), offsetMs)
    const sharedRows = rows.filter((r) => shared.has(r.day))
    if (sharedRows.length) {
      const ids = [...new Set(sharedRows.flatMap((r) => shared.get(r.day)!))]
      return {
        clicked: null,
        clickedReason: `${ids.length} other campaign${ids.length > 1 ? 's' : ''} sent this template on ${sharedRows.map((r) => r.day).join(', ')}: the provider counts their clicks together.`,
        clickedShared: sharedRows.reduce((n, r) => n + (r.urlClicked ?? 0), 0),
        landingPageViews: hooks.landingPageViews
      }
    }
    return {
      clicked: rows.reduce((n, r) => n + (r.urlClicked ?? 0), 0),
      clickedReason: null,
      clickedShared: null,
      landingPageViews: hooks.landingPageViews
    }
  }
}
export type ClickCountsReader = ReturnType<typeof createClickCounts>
