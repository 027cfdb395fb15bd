import { formatReportValue, summaryLines } from '../../../../shared/ipc/routes/reports'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'

/** Every number of the summary, exactly as the summary CSV has it (same keys, same order). */
export function ReportNumbers({ summary }: { summary: StatsSummary }) {
  const lines = summaryLines(summary)
  const half = Math.ceil(lines.length / 2)
  return (
    <section className="report-section" data-testid="report-numbers">
      <h2>All numbers</h2>
      <div className="report-columns">
        {[lines.slice(0, half), lines.slice(half)].map((part, i) => (
          <table className="report-table" key={i}>
            <tbody>
              {part.map((l) => (
                <tr key={l.stat} data-stat={l.stat}>
                  <th scope="row">{l.label}</th>
                  <td className="num">{formatReportValue(l.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  )
}
