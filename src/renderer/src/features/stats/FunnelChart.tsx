import { useMemo } from 'react'
import { Bar } from 'react-chartjs-2'
import { baseOptions, stepColour, useChartTheme } from '../../lib/chart'
import { formatNumber, formatPercent } from '../../lib/format'
import type { FunnelRows } from '../../stores/statsStore'
import { stepLabel } from '../../../../shared/domain/statsView'
import { DataTable } from '../../components/DataTable'
import { ChartBox } from '../../components/ChartBox'

/** The users funnel as bars plus the exact table (share of the previous step and of the first). */
export function FunnelChart({
  steps: all,
  animation = true,
  height = 240,
  noGoal = false
}: {
  steps: FunnelRows
  animation?: boolean
  height?: number
  /** No conversion goal: the Converted step is not measured, so it is named, not drawn as 0. */
  noGoal?: boolean
}) {
  const theme = useChartTheme()
  const steps = useMemo(
    () => (noGoal ? all.filter((s) => s.name !== 'converted') : all),
    [all, noGoal]
  )
  // Stable inputs: a new object on every render would make chart.js restart its animation.
  const data = useMemo(
    () => ({
      labels: steps.map((s) => s.label ?? stepLabel(s.name)),
      datasets: [
        {
          label: 'Users',
          data: steps.map((s) => s.users),
          // Colour by step, as in the trend chart: by position, Converted turned orange (the
          // trend's Replied) and colours shifted when Delivered or Viewed was switched off.
          backgroundColor: steps.map((s, i) => stepColour(theme, s.name, i)),
          borderRadius: 4
        }
      ]
    }),
    [steps, theme]
  )
  const options = useMemo(() => {
    const base = baseOptions(theme, animation, ({ dataIndex }: { dataIndex: number }) => {
      const s = steps[dataIndex]
      return s ? `${formatNumber(s.users)} users · ${formatPercent(s.ofFirst)} of first` : ''
    })
    return { ...base, plugins: { ...base.plugins, legend: { display: false } } }
  }, [steps, theme, animation])
  return (
    <div data-testid="funnel-chart">
      <ChartBox height={height}>
        <Bar data={data} options={options} aria-label="Users conversion funnel" role="img" />
      </ChartBox>
      <DataTable
        testId="funnel-table"
        columns={[
          'Step',
          { label: 'Users', className: 'num' },
          { label: 'Of previous', className: 'num' },
          { label: 'Of first', className: 'num' }
        ]}
      >
        {steps.map((s) => (
          <tr key={s.name} data-testid={`funnel-step-${s.name.toLowerCase()}`}>
            <td>{s.label ?? stepLabel(s.name)}</td>
            <td className="num">{formatNumber(s.users)}</td>
            <td className="num">{formatPercent(s.ofPrevious)}</td>
            <td className="num">{formatPercent(s.ofFirst)}</td>
          </tr>
        ))}
        {noGoal && all.some((s) => s.name === 'converted') && (
          <tr data-testid="funnel-step-converted">
            <td>{stepLabel('converted')}</td>
            <td className="num muted" colSpan={3}>
              No goal
            </td>
          </tr>
        )}
      </DataTable>
    </div>
  )
}
