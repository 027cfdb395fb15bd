import { definitionOf } from '../../../../shared/domain/statDefinitions'
import { formatNumber } from '../../lib/format'

/**
 * Sits where an email or push operator looks for a click rate when no source can give this
 * campaign one: the reason instead of a misleading zero, and the shared total when the provider
 * counts several campaigns' clicks together.
 */
export function NoClicksNote({
  reason,
  shared
}: {
  reason?: string | null
  shared?: number | null
}) {
  const text =
    reason ?? definitionOf('clicks')?.definition ?? 'No source reports clicks for this campaign.'
  return (
    <div className="stat-card stat-note" data-testid="no-clicks-note">
      <div className="stat-label">Clicked</div>
      <div className="stat-note-title">No Clicked number for this campaign</div>
      <div className="muted">{text}</div>
      {shared !== null && shared !== undefined && (
        <div className="muted" data-testid="clicked-shared">
          Shared total on those days: {formatNumber(shared)} clicks
        </div>
      )}
    </div>
  )
}
