import { formatReportValue, summaryLines } from '../../../../shared/ipc/routes/reports'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'

/** Every number of the summary, exactly as the summary CSV has it (same keys, same order). */
export function ReportNumbers({ summary }: { summary: StatsSummary }) {
  return (
    <section className="report-section" data-testid="report-numbers">
      <h2>All numbers</h2>
      <table className="report-table report-numbers">
        <tbody>
          {summaryLines(summary).map((l) => (
            <tr key={l.stat} data-stat={l.stat}>
              <th scope="row">{l.label}</th>
              <td className="num">{formatReportValue(l.value)}</td>
              <td className="muted report-key">{l.stat}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
