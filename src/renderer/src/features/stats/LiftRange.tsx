import { formatPoints, liftDomain, type Verdict } from '../../../../shared/domain/statsView'
import { IntervalBar, VERDICT_COLOR, ZeroLine, liftScale } from '../../components/LiftMarks'

const WIDTH = 400
const MID = WIDTH / 2
const HALF = 170

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
  const x = liftScale(domain, MID, HALF)
  const color = VERDICT_COLOR[verdict]
  const [lo, hi] = ci95
  return (
    <svg
      className="lift-range"
      viewBox={`0 0 ${WIDTH} 64`}
      role="img"
      aria-label={`Lift ${formatPoints(lift)}, 95% interval ${formatPoints(lo)} to ${formatPoints(hi)}`}
      data-testid="lift-range"
    >
      <ZeroLine x={MID} top={6} bottom={44} labelY={60} />
      <IntervalBar lo={x(lo)} hi={x(hi)} y={25} whisker={8} color={color} width={3} />
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
