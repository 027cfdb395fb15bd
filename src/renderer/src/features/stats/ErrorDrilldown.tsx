import { useEffect, useRef, useState } from 'react'
import { Pager } from '../../components/Pager'
import { formatDateTime, formatNumber } from '../../lib/format'
import type { Drill } from '../../stores/statsStore'
import { DataTable } from '../../components/DataTable'
import { PhoneOrNameSearch } from '../../components/PhoneOrNameSearch'

/** Typing settles for this long before the search is sent, so each keystroke is not a query. */
const SEARCH_DEBOUNCE_MS = 250

/** The recipients behind one error group: paginated and searchable by phone or name. */
export function ErrorDrilldown({
  drill,
  failure,
  onSearch,
  onOffset,
  onClose
}: {
  drill: Drill
  failure?: string
  onSearch(search: string): void
  onOffset(offset: number): void
  onClose(): void
}) {
  const [text, setText] = useState(drill.search)
  const ref = useRef<HTMLElement>(null)
  // Opened from a row further down the page: bring the list into view.
  useEffect(() => {
    // A block body on purpose: recent Chromium returns a Promise here, which React would
    // take for a cleanup function.
    ref.current?.scrollIntoView({ block: 'start' })
  }, [])
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, onSearch])

  return (
    <section
      ref={ref}
      className="panel drilldown"
      data-testid="drilldown"
      aria-busy={drill.loading}
    >
      <div className="page-header">
        <h2>
          {drill.title} <span className="muted code">{drill.code}</span>{' '}
          <span className="muted" data-testid="drilldown-total">
            {formatNumber(drill.total)}
            {drill.totalAtLeast ? '+' : ''}{' '}
            {drill.total === 1 && !drill.totalAtLeast ? 'recipient' : 'recipients'}
          </span>
        </h2>
        <button onClick={onClose} data-testid="drilldown-close">
          Close
        </button>
      </div>
      <PhoneOrNameSearch value={text} onChange={setText} testId="drilldown-search" />
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <DataTable
        testId="drilldown-table"
        columns={['Phone', 'Name', 'Code', 'Reason', 'Time', 'Provider message']}
      >
        {drill.rows.map((r, i) => (
          <tr key={`${r.phone}-${i}`}>
            <td>{r.phone}</td>
            <td>{r.name ?? <span className="muted">—</span>}</td>
            <td className="code">{r.code}</td>
            <td>{r.title}</td>
            <td className="muted">{formatDateTime(r.at)}</td>
            <td className="muted">
              {r.providerMessage ?? '—'}
              {r.source === 'lookup' && (
                <span className="source-lookup" data-testid="drilldown-lookup">
                  {' '}
                  (from a lookup: the report never came)
                </span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {!drill.loading && drill.rows.length === 0 && (
        <p className="muted" data-testid="drilldown-empty">
          {drill.search
            ? `No recipient matches “${drill.search}”.`
            : 'No recipients in this group.'}
        </p>
      )}
      <Pager
        offset={drill.offset}
        pageSize={drill.limit}
        total={drill.total}
        totalAtLeast={drill.totalAtLeast}
        onChange={onOffset}
      />
    </section>
  )
}
