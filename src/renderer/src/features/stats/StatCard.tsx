import { useId, useState, type ReactNode, type SyntheticEvent } from 'react'

/** Tooltip width in stats.css plus a margin: a tip that would not fit opens to the left. */
const TIP_SPACE = 300

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
  const [tipLeft, setTipLeft] = useState(false)
  const place = (e: SyntheticEvent<HTMLElement>): void =>
    setTipLeft(e.currentTarget.getBoundingClientRect().left + TIP_SPACE > window.innerWidth)
  const { statKey, label, value, raw, sub, definition, caveat, tone, action } = props
  return (
    <div
      className={`stat-card${tone && raw > 0 ? ` tone-${tone}` : ''}${tipLeft ? ' tip-left' : ''}`}
      tabIndex={0}
      onMouseEnter={place}
      onFocus={place}
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
