import type { CompareRow } from '../../../../shared/ipc/routes/pricing'
import { formatPoints, liftDomain } from '../../../../shared/domain/statsView'
import { IntervalBar, VERDICT_COLOR, ZeroLine, liftScale } from '../../components/LiftMarks'

const LABEL = 180
const WIDTH = 640
const ROW = 28

/**
 * Conversion lift of each campaign as a bar from zero with its 95% interval, on one shared scale
 * so campaigns compare at a glance. SVG, like the stats page's lift range.
 */
export function LiftBars({ rows }: { rows: CompareRow[] }) {
  const domain = Math.max(0.01, ...rows.map((r) => liftDomain(r.lift, r.ci95)))
  const half = (WIDTH - LABEL - 20) / 2
  const mid = LABEL + half
  const x = liftScale(domain, mid, half)
  const height = rows.length * ROW + 24
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label="Conversion lift with 95% intervals"
      data-testid="compare-lift-chart"
    >
      <ZeroLine x={mid} top={0} bottom={height - 18} labelY={height - 4} />
      <text
        x={x(domain)}
        y={height - 4}
        textAnchor="end"
        fontSize={11}
        style={{ fill: 'var(--muted)' }}
      >
        {formatPoints(domain)}
      </text>
      {rows.map((r, i) => {
        const y = i * ROW + 14
        const color = VERDICT_COLOR[r.verdict]
        return (
          <g key={r.campaignId} data-testid="compare-lift-bar">
            <text
              x={LABEL - 8}
              y={y + 4}
              textAnchor="end"
              fontSize={12}
              style={{ fill: 'var(--text)' }}
            >
              {r.name.length > 26 ? `${r.name.slice(0, 25)}…` : r.name}
            </text>
            <rect
              x={Math.min(mid, x(r.lift))}
              y={y - 7}
              width={Math.abs(x(r.lift) - mid)}
              height={14}
              style={{ fill: color, opacity: 0.5 }}
            />
            <IntervalBar lo={x(r.ci95[0])} hi={x(r.ci95[1])} y={y} whisker={6} color={color} />
            <title>{`${r.name}: ${formatPoints(r.lift)} (${formatPoints(r.ci95[0])} to ${formatPoints(r.ci95[1])})`}</title>
          </g>
        )
      })}
    </svg>
  )
}
