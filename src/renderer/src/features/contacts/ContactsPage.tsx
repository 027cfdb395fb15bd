import { useEffect } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { Pager } from '../../components/Pager'
import { formatDateTime, formatNumber } from '../../lib/format'
import { useContactsStore } from '../../stores/contactsStore'
import { OptOutList } from '../optOuts/OptOutList'
import { ImportPanel } from './ImportPanel'
import { ImportReportView } from './ImportReportView'
import { DataTable } from '../../components/DataTable'
import { PhoneOrNameSearch } from '../../components/PhoneOrNameSearch'
import { ErrorPanel } from '../../components/ErrorPanel'

export function ContactsPage() {
  const { rows, total, totalAtLeast, next, search, offset, pageSize, loading, error } =
    useContactsStore()
  const load = useContactsStore((s) => s.load)
  const setSearch = useContactsStore((s) => s.setSearch)
  const turnPage = useContactsStore((s) => s.turnPage)
  useEffect(() => void load(), [load])

  return (
    <>
      <div className="page-header">
        <h1>
          Contacts{' '}
          <span className="muted" data-testid="contacts-total">
            {formatNumber(total)}
            {totalAtLeast ? '+' : ''}
          </span>
        </h1>
      </div>
      <ImportPanel />
      <ImportReportView />
      <ErrorPanel error={error} />
      {total === 0 && !search && !loading ? (
        <EmptyState title="No contacts yet" testId="contacts-empty">
          Import a CSV with a <code>phone</code> column (and optionally <code>name</code> and any
          properties such as city). Then create a campaign for them.
        </EmptyState>
      ) : (
        <div className="panel">
          <PhoneOrNameSearch value={search} onChange={setSearch} testId="contacts-search" />
          <DataTable testId="contacts-table" columns={['Phone', 'Name', 'Properties', 'Updated']}>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>{c.phone}</td>
                <td>{c.name ?? <span className="muted">—</span>}</td>
                <td className="muted">
                  {Object.entries(c.properties)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(' · ')}
                </td>
                <td className="muted">{formatDateTime(c.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
          {rows.length === 0 && <p className="muted">No contact matches “{search}”.</p>}
          <Pager
            offset={offset}
            pageSize={pageSize}
            total={total}
            totalAtLeast={totalAtLeast}
            hasNext={next !== null}
            onChange={(to) => turnPage(to > offset ? 1 : -1)}
          />
        </div>
      )}
      <OptOutList />
    </>
  )
}
