import type { Verdict } from '../../../shared/domain/statsView'

/** The colour of a lift by its verdict, on the stats page and the compare chart alike. */
export const VERDICT_COLOR: Record<Verdict, string> = {
  positive: 'var(--ok)',
  negative: 'var(--danger)',
  inconclusive: 'var(--chart-2)',
  not_enough_data: 'var(--muted)'
}

/** Maps a lift to x around the zero line at `mid`, ±`domain` reaching ±`half`; beyond is clamped. */
export const liftScale =
  (domain: number, mid: number, half: number) =>
  (lift: number): number =>
    mid + (Math.max(-domain, Math.min(domain, lift)) / domain) * half

/** The dashed zero line from `top` to `bottom`, labelled 0 at `labelY`. */
export function ZeroLine({
  x,
  top,
  bottom,
  labelY
}: {
  x: number
  top: number
  bottom: number
  labelY: number
}) {
  return (
    <>
      <line
        x1={x}
        x2={x}
        y1={top}
        y2={bottom}
        style={{ stroke: 'var(--muted)' }}
        strokeDasharray="3 3"
      />
      <text x={x} y={labelY} textAnchor="middle" fontSize={11} style={{ fill: 'var(--muted)' }}>
        0
      </text>
    </>
  )
}

/** A 95% interval from `lo` to `hi` (x) at height `y`, with whiskers `whisker` above and below. */
export function IntervalBar({
  lo,
  hi,
  y,
  whisker,
  color,
  width = 2
}: {
  lo: number
  hi: number
  y: number
  whisker: number
  color: string
  width?: number
}) {
  return (
    <>
      <line x1={lo} x2={hi} y1={y} y2={y} style={{ stroke: color }} strokeWidth={width} />
      {[lo, hi].map((x, end) => (
        <line
          key={end}
          x1={x}
          x2={x}
          y1={y - whisker}
          y2={y + whisker}
          style={{ stroke: color }}
          strokeWidth={2}
        />
      ))}
    </>
  )
}
