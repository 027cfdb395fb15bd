import { useEffect, useState } from 'react'
import { DataTable } from '../../components/DataTable'
import { ErrorPanel } from '../../components/ErrorPanel'
import { GuardedButton } from '../../components/GuardedButton'
import { errorMessage } from '../../lib/errors'
import { formatDateTimeSeconds } from '../../lib/format'
import { AUDIT_EXPORT_ROUTE, useAuditStore, type AuditEntry } from '../../stores/auditStore'
import { auditWords } from './auditWords'

/**
 * Settings → Audit log (admins): every state-changing call, newest first: who, when, what (in
 * words where the route has them), on what, and whether it was done, refused or failed. Paged
 * by the engine's cursor; the whole log exports as CSV.
 */
export function AuditLogPanel() {
  const { entries, nextBefore, newer, load, older, newerPage, exportCsv } = useAuditStore()
  const [error, setError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<string | null>(null)
  const run = (action: () => Promise<void>): void => {
    setError(null)
    action().catch((err: unknown) => setError(errorMessage(err)))
  }
  useEffect(() => {
    load().catch((err: unknown) => setError(errorMessage(err)))
  }, [load])

  return (
    <section className="panel" data-testid="audit-panel">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2>Audit log</h2>
        <div className="row">
          <button type="button" onClick={() => run(load)} data-testid="audit-refresh">
            Newest
          </button>
          <GuardedButton
            route={AUDIT_EXPORT_ROUTE}
            type="button"
            disabled={exporting || !entries?.length}
            onClick={() => {
              setExporting(true)
              setExported(null)
              run(() =>
                exportCsv()
                  .then(setExported)
                  .finally(() => setExporting(false))
              )
            }}
            data-testid="audit-export"
          >
            Export CSV
          </GuardedButton>
        </div>
      </div>
      <p className="muted">
        Every call that changes something, by whom and when, including the ones that were refused.
      </p>
      {exported && (
        <p className="muted" role="status" data-testid="audit-exported">
          {exported}
        </p>
      )}
      <ErrorPanel error={error} testId="audit-error" />
      {entries && entries.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {entries && entries.length > 0 && (
        <DataTable columns={['When', 'Who', 'Action', 'Target', 'Outcome']} testId="audit-table">
          {entries.map((e) => (
            <AuditRow key={e.id} entry={e} />
          ))}
        </DataTable>
      )}
      <div className="pager">
        <button disabled={!newer.length} onClick={() => run(newerPage)} data-testid="audit-newer">
          Newer
        </button>
        <button disabled={nextBefore === null} onClick={() => run(older)} data-testid="audit-older">
          Older
        </button>
      </div>
    </section>
  )
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const words = auditWords(e.route)
  return (
    <tr data-testid="audit-row" data-route={e.route} data-outcome={e.outcome}>
      <td>{formatDateTimeSeconds(e.at)}</td>
      <td>{e.user ?? <span className="muted">not signed in</span>}</td>
      <td>
        {words ?? <code>{e.route}</code>}
        {words && (
          <div className="muted">
            <code>{e.route}</code>
          </div>
        )}
      </td>
      <td>
        {e.targetId ? (
          // Ids are long: the start tells rows apart, the whole id is in the tooltip and copies.
          <code className="audit-target" title={e.targetId}>
            {e.targetId}
          </code>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <span className={`badge outcome-${e.outcome}`}>{e.outcome}</span>
        {e.code && <div className="muted">{e.code}</div>}
      </td>
    </tr>
  )
}
