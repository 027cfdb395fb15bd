/** Two or more values side by side as horizontal bars, scaled to the largest. */
export function RateBars({
  rows
}: {
  rows: {
    label: string
    value: number
    text: string
    detail?: string
    color: string
    testId?: string
  }[]
}) {
  const max = Math.max(...rows.map((r) => r.value), 0)
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
            <strong>{r.text}</strong>
            {r.detail && <span className="muted"> {r.detail}</span>}
          </div>
        </div>
      ))}
    </div>
  )
}
