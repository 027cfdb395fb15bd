import { VERDICT_TEXT, formatPoints } from '../../../../shared/domain/statsView'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'
import type { CostOutput } from '../../../../shared/ipc/routes/pricing'
import { formatMoney, formatNumber, formatPercent } from '../../lib/format'
import { formatRoi } from '../pricing/costView'

/**
 * The report's first lines: what the campaign did and whether it beat the control group, before
 * any setting or definition, so a forwarded PDF answers the question on its first page.
 */
export function ReportResult({
  summary,
  cost
}: {
  summary: StatsSummary
  cost: CostOutput | null
}) {
  const rate = (n: number): string => (summary.sent > 0 ? formatPercent(n / summary.sent) : '—')
  const c = summary.conversion
  const goal = summary.goal
  const headline: [string, string][] = [
    ['Sent', formatNumber(summary.sent)],
    ['Delivered', `${formatNumber(summary.delivered)} (${rate(summary.delivered)})`],
    ['Read', `${formatNumber(summary.viewed)} (${rate(summary.viewed)})`],
    [
      'Converted',
      goal ? `${formatNumber(summary.converted)} (${rate(summary.converted)})` : 'No goal'
    ]
  ]
  return (
    <section className="report-section report-result" data-testid="report-result">
      <h2>Result</h2>
      <table className="report-table report-headline">
        <tbody>
          <tr>
            {headline.map(([label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
          <tr>
            {headline.map(([label, value]) => (
              <td key={label} className="num">
                {value}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {goal ? (
        <>
          <p className="report-verdict" data-testid="report-verdict">
            <strong>Against the control group: {VERDICT_TEXT[c.verdict].title}.</strong> Target{' '}
            {formatPercent(c.target.rate)} converted, control {formatPercent(c.control.rate)}: lift{' '}
            {formatPoints(c.lift)} (95% interval {formatPoints(c.ci95[0])} to{' '}
            {formatPoints(c.ci95[1])}). {VERDICT_TEXT[c.verdict].detail}
          </p>
          <p>
            Incremental revenue {formatMoney(summary.revenue.incremental, goal.currency)}
            {cost
              ? cost.roi !== null
                ? `; ROI ${formatRoi(cost.roi)}`
                : `; ${cost.reasons.roi ?? 'no ROI'}`
              : ''}
            .
          </p>
        </>
      ) : (
        <p className="report-verdict" data-testid="report-verdict">
          <strong>No goal:</strong> this campaign has no conversion goal, so there is no verdict
          against the control group, no revenue and no ROI.
        </p>
      )}
    </section>
  )
}
