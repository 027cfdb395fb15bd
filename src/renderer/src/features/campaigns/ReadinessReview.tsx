import type { Output } from '../../../../shared/ipc/contract'

/**
 * The Review step's readiness part: warnings (never blocking) and, when the campaign's reports
 * cannot reach Tickboard, that the launch confirmation offers an override (recorded).
 */
export function ReadinessReview(props: { preview: Output<'campaigns.preview'> | null }) {
  const warnings = props.preview?.warnings ?? []
  const overridable = props.preview?.overridable ?? []
  if (warnings.length === 0 && overridable.length === 0) return null
  return (
    <div className="panel" data-testid="readiness-review">
      {warnings.length > 0 && (
        <ul className="muted" data-testid="preview-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {overridable.length > 0 && (
        <p className="muted" data-testid="readiness-override-note">
          You can still launch: the launch confirmation offers “Launch anyway”, knowing delivery
          reports of this campaign may never reach Tickboard. The override is recorded and shown on
          the campaign’s stats page.
        </p>
      )}
    </div>
  )
}
