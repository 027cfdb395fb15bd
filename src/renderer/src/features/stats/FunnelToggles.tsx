/** Switches the optional Delivered and Viewed steps (off: Sent → Converted). */
export function FunnelToggles({
  toggles,
  onToggle
}: {
  toggles: { delivered: boolean; viewed: boolean }
  onToggle(step: 'delivered' | 'viewed'): void
}) {
  return (
    <div className="row" role="group" aria-label="Funnel steps">
      {(['delivered', 'viewed'] as const).map((step) => (
        <label key={step} className="toggle">
          <input
            type="checkbox"
            checked={toggles[step]}
            onChange={() => onToggle(step)}
            data-testid={`funnel-toggle-${step}`}
          />
          {step === 'delivered' ? 'Delivered' : 'Viewed'}
        </label>
      ))}
    </div>
  )
}
