const LABEL = { delivered: 'Delivered', viewed: 'Viewed', clicked: 'Clicked' }

/**
 * Switches the optional Delivered, Viewed and (Marketing Messages API campaigns) Clicked steps
 * (all off: Sent → Converted).
 */
export function FunnelToggles({
  toggles,
  onToggle,
  hasClicks = false
}: {
  toggles: { delivered: boolean; viewed: boolean; clicked: boolean }
  onToggle(step: 'delivered' | 'viewed' | 'clicked'): void
  hasClicks?: boolean
}) {
  const steps = hasClicks
    ? (['delivered', 'viewed', 'clicked'] as const)
    : (['delivered', 'viewed'] as const)
  return (
    <div className="row" role="group" aria-label="Funnel steps">
      {steps.map((step) => (
        <label key={step} className="toggle">
          <input
            type="checkbox"
            checked={toggles[step]}
            onChange={() => onToggle(step)}
            data-testid={`funnel-toggle-${step}`}
          />
          {LABEL[step]}
        </label>
      ))}
    </div>
  )
}
