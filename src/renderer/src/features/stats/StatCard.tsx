import { useId, type ReactNode } from 'react'

/**
 * One number with its definition. The definition is a tooltip that opens on hover and on
 * keyboard focus (the card is focusable), so every number can be explained without a mouse.
 */
export function StatCard(props: {
  statKey: string
  label: string
  value: string
  raw: number
  sub?: string
  definition: string
  caveat?: string
  tone?: 'danger' | 'warn'
  /** Extra content inside the tooltip, e.g. a link to Callback health. */
  action?: ReactNode
}) {
  const tipId = useId()
  const { statKey, label, value, raw, sub, definition, caveat, tone, action } = props
  return (
    <div
      className={`stat-card${tone && raw > 0 ? ` tone-${tone}` : ''}`}
      tabIndex={0}
      aria-describedby={tipId}
      data-testid={`card-${statKey}`}
    >
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={`stat-${statKey}`} data-value={raw}>
        {value}
      </div>
      <div className="stat-sub muted">{sub ?? '\u00a0'}</div>
      <div className="stat-tip" role="tooltip" id={tipId} data-testid={`tip-${statKey}`}>
        <p>{definition}</p>
        {caveat && <p className="stat-caveat">{caveat}</p>}
        {action}
      </div>
    </div>
  )
}
