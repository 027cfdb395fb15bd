import { formatPoints, liftDomain, type Verdict } from '../../../../shared/domain/statsView'

const WIDTH = 400
const MID = WIDTH / 2
const HALF = 170

const COLOR: Record<Verdict, string> = {
  positive: 'var(--ok)',
  negative: 'var(--danger)',
  inconclusive: 'var(--chart-2)',
  not_enough_data: 'var(--muted)'
}

/**
 * The lift as a point with its 95% interval drawn as an error bar around a zero line, so the
 * operator sees at a glance whether the interval crosses zero. SVG: prints as crisply as it shows.
 */
export function LiftRange({
  lift,
  ci95,
  verdict
}: {
  lift: number
  ci95: [number, number]
  verdict: Verdict
}) {
  const domain = liftDomain(lift, ci95)
  const x = (v: number): number => MID + (Math.max(-domain, Math.min(domain, v)) / domain) * HALF
  const color = COLOR[verdict]
  const [lo, hi] = ci95
  return (
    <svg
      className="lift-range"
      viewBox={`0 0 ${WIDTH} 64`}
      role="img"
      aria-label={`Lift ${formatPoints(lift)}, 95% interval ${formatPoints(lo)} to ${formatPoints(hi)}`}
      data-testid="lift-range"
    >
      <line
        x1={MID}
        x2={MID}
        y1={6}
        y2={44}
        style={{ stroke: 'var(--muted)' }}
        strokeDasharray="3 3"
      />
      <text x={MID} y={60} textAnchor="middle" style={{ fill: 'var(--muted)' }} fontSize={11}>
        0
      </text>
      <line x1={x(lo)} x2={x(hi)} y1={25} y2={25} style={{ stroke: color }} strokeWidth={3} />
      <line x1={x(lo)} x2={x(lo)} y1={17} y2={33} style={{ stroke: color }} strokeWidth={2} />
      <line x1={x(hi)} x2={x(hi)} y1={17} y2={33} style={{ stroke: color }} strokeWidth={2} />
      <circle cx={x(lift)} cy={25} r={6} style={{ fill: color }} />
      <text x={x(lo)} y={12} textAnchor="end" style={{ fill: 'var(--text)' }} fontSize={11}>
        {formatPoints(lo)}
      </text>
      <text x={x(hi)} y={12} textAnchor="start" style={{ fill: 'var(--text)' }} fontSize={11}>
        {formatPoints(hi)}
      </text>
    </svg>
  )
}
