import { definitionOf } from '../../../../shared/domain/statDefinitions'

/** Sits where an email or push operator looks for a click rate, instead of a misleading zero. */
export function NoClicksNote() {
  const text =
    definitionOf('clicks')?.definition ??
    'WhatsApp sends no click callbacks, so Tickboard shows no Clicked stat.'
  return (
    <div className="stat-card stat-note" data-testid="no-clicks-note">
      <div className="stat-label">Clicked</div>
      <div className="stat-note-title">No Clicked stat</div>
      <div className="muted">{text}</div>
    </div>
  )
}
