import type { Output } from '../../../../shared/ipc/contract'

/**
 * The Review step's readiness part: warnings (never blocking) and, when the campaign's reports
 * cannot reach Tickboard, an explicit override that is recorded on the campaign.
 */
export function ReadinessReview(props: {
  preview: Output<'campaigns.preview'> | null
  override: boolean
  onOverride(value: boolean): void
}) {
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
        <label className="row">
          <input
            type="checkbox"
            checked={props.override}
            onChange={(e) => props.onOverride(e.target.checked)}
            data-testid="readiness-override-check"
          />
          Launch anyway: delivery reports of this campaign may never reach Tickboard. The override
          is recorded and shown on the campaign’s stats page.
        </label>
      )}
    </div>
  )
}
