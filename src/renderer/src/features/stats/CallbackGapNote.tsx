import { useEffect } from 'react'
import { formatDateTime, formatDateTimeSeconds } from '../../lib/format'
import { useRegistrationStore } from '../../stores/registrationStore'

/**
 * Next to Awaiting report: when callbacks could not reach Tickboard during this campaign (tunnel
 * down, new URL not registered yet), and whether the launch overrode a readiness problem. A dip
 * in Delivered or Viewed is then explained instead of looking like a delivery problem.
 */
export function CallbackGapNote({ campaignId }: { campaignId: string | undefined }) {
  const info = useRegistrationStore((s) => (campaignId ? s.byCampaign[campaignId] : undefined))
  const loadCampaign = useRegistrationStore((s) => s.loadCampaign)
  useEffect(() => {
    if (campaignId) void loadCampaign(campaignId)
  }, [campaignId, loadCampaign])
  if (!info || (!info.override && info.gaps.length === 0)) return null
  return (
    <div className="callback-gaps" data-testid="callback-gaps">
      {info.override && (
        <p className="warn" data-testid="readiness-override">
          Launched with the readiness check overridden ({formatDateTime(info.override.at)}):{' '}
          {info.override.problems.join(' ')}
        </p>
      )}
      {info.gaps.map((gap) => (
        <p className="warn" key={gap.from} data-testid="callback-gap">
          Callbacks could not arrive from {formatDateTimeSeconds(gap.from)} to{' '}
          {gap.to ? formatDateTimeSeconds(gap.to) : 'now'}: {gap.reason}. Reports of that window
          arrive late if the provider retries, or never: they may still be in Awaiting report.
        </p>
      ))}
    </div>
  )
}
