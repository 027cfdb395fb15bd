import { formatNumber } from '../../lib/format'
import { useContactsStore } from '../../stores/contactsStore'
import { DataTable } from '../../components/DataTable'

const SHOWN = 200

/** The result of the last import, with every rejected line and why, so the file can be fixed. */
export function ImportReportView() {
  const report = useContactsStore((s) => s.lastImport)
  if (!report) return null
  return (
    <div className="panel" data-testid="import-report">
      <strong>{report.fileName}</strong>:{' '}
      <span data-testid="import-imported">{formatNumber(report.imported)}</span> new
      {report.kind === 'contacts' && (
        <>
          , <span data-testid="import-updated">{formatNumber(report.updated)}</span> updated
        </>
      )}
      , <span data-testid="import-rejected">{formatNumber(report.rejected.length)}</span> rejected
      {report.rejected.length > 0 && (
        <DataTable
          style={{ marginTop: 8 }}
          columns={[
            { label: 'Line', className: 'num', style: { width: 90 } },
            'Why it was rejected'
          ]}
        >
          {report.rejected.slice(0, SHOWN).map((r) => (
            <tr key={`${r.line}-${r.reason}`}>
              <td className="num">{formatNumber(r.line)}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {report.rejected.length > SHOWN && (
        <p className="muted">…and {formatNumber(report.rejected.length - SHOWN)} more.</p>
      )}
    </div>
  )
}
