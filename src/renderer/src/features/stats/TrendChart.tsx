import { useMemo } from 'react'
import { Line } from 'react-chartjs-2'
import type { TrendBuckets } from '../../stores/statsStore'
import { STEP_SERIES, baseOptions, stepColour, useChartTheme } from '../../lib/chart'
import { formatNumber } from '../../lib/format'
import { bucketLabel, type Granularity } from '../../../../shared/domain/statsView'
import { ChartBox } from '../../components/ChartBox'

/**
 * Messages over time by the time of each event, in the operator's time zone. Pure: pass
 * `animation={false}` when printing so the chart is complete on its first frame.
 */
export function TrendChart({
  buckets,
  granularity,
  timezone,
  animation = true,
  height = 280
}: {
  buckets: TrendBuckets
  granularity: Granularity
  timezone: string
  animation?: boolean
  height?: number
}) {
  const theme = useChartTheme()
  const fewBuckets = buckets.length < 3
  // Stable inputs: a new object on every render would make chart.js restart its animation.
  const data = useMemo(
    () => ({
      labels: buckets.map((b) => bucketLabel(b.start, granularity)),
      datasets: STEP_SERIES.map((key, i) => ({
        label: key[0]!.toUpperCase() + key.slice(1),
        data: buckets.map((b) => b[key]),
        borderColor: stepColour(theme, key, i),
        backgroundColor: stepColour(theme, key, i),
        pointRadius: buckets.length > 60 ? 0 : 3,
        tension: 0.2
      }))
    }),
    [buckets, granularity, theme]
  )
  const options = useMemo(() => {
    const base = baseOptions(
      theme,
      animation,
      (ctx: { dataset: { label?: string }; parsed: { y: number | null } }) =>
        `${ctx.dataset.label ?? ''}: ${formatNumber(ctx.parsed.y ?? 0)}`
    )
    return {
      ...base,
      // A campaign within one or two buckets drew its points on the y axis itself: pad the ends.
      scales: { ...base.scales, x: { ...base.scales.x, offset: fewBuckets } },
      interaction: { mode: 'index' as const, intersect: false }
    }
  }, [theme, animation, fewBuckets])
  return (
    <div data-testid="trend-chart">
      <ChartBox height={height}>
        <Line data={data} options={options} aria-label="Message trend" role="img" />
      </ChartBox>
      <p className="muted chart-note" data-testid="trend-timezone">
        Counted by the time of each event, in{' '}
        {granularity === 'week' ? 'ISO weeks' : `${granularity}s`} of your time zone ({timezone}).
        Replied and converted count each user once, at their first reply or conversion.
      </p>
    </div>
  )
}
