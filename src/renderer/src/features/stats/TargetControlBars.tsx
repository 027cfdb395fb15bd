/** One group's bar: the value it is scaled by and what that value counts. */
export interface GroupBar {
  label: string
  value: number
  detail: string
}

/**
 * Target against control as two horizontal bars scaled to the larger, target always in the first
 * chart colour and control in the second, so every panel reads the same way.
 */
export function TargetControlBars({
  target,
  control,
  format,
  testId
}: {
  target: GroupBar
  control: GroupBar
  format: (value: number) => string
  /** Prefix of the bars' test ids: `${testId}-target`, `${testId}-control`. */
  testId: string
}) {
  const max = Math.max(target.value, control.value, 0)
  const rows = [
    { ...target, color: 'var(--chart-1)', testId: `${testId}-target` },
    { ...control, color: 'var(--chart-2)', testId: `${testId}-control` }
  ]
  return (
    <div className="rate-bars">
      {rows.map((r) => (
        <div className="rate-bar" key={r.label} data-testid={r.testId}>
          <div className="rate-bar-label">{r.label}</div>
          <div className="rate-bar-track">
            <div
              className="rate-bar-fill"
              style={{ width: `${max > 0 ? (r.value / max) * 100 : 0}%`, background: r.color }}
            />
          </div>
          <div className="rate-bar-text">
            <strong>{format(r.value)}</strong>
            <span className="muted"> {r.detail}</span>
          </div>
        </div>
      ))}
    </div>
  )
}
