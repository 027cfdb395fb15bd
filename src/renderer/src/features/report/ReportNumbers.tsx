import { formatReportValue, summaryLines } from '../../../../shared/ipc/routes/reports'
import { VERDICT_TEXT } from '../../../../shared/domain/statsView'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'

/** Every number of the summary, as the summary CSV has it (same order), by label: no internal keys. */
export function ReportNumbers({ summary }: { summary: StatsSummary }) {
  return (
    <section className="report-section" data-testid="report-numbers">
      <h2>All numbers</h2>
      <table className="report-table report-numbers">
        <tbody>
          {summaryLines(summary).map((l) => (
            <tr key={l.stat} data-stat={l.stat}>
              <th scope="row">{l.label}</th>
              <td className="num">
                {l.stat === 'conversion.verdict'
                  ? VERDICT_TEXT[summary.conversion.verdict].title
                  : formatReportValue(l.value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
