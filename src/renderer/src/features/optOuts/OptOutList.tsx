import { useCallback, useEffect, useState } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import { OPT_OUT_SOURCE_LABEL } from '../../../../shared/domain/optOuts'
import { Pager } from '../../components/Pager'
import { errorMessage } from '../../lib/errors'
import { useSettingsStore } from '../../stores/settingsStore'
import { formatDateTime, formatNumber } from '../../lib/format'
import { DataTable } from '../../components/DataTable'
import { downloadText } from '../../lib/download'
import { GuardedButton } from '../../components/GuardedButton'

const PAGE = 50

/** Contacts page: who stopped marketing messages, when and how; export as CSV. */
export function OptOutList() {
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<Output<'optOuts.list'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { optOuts, optOutsCsv } = useSettingsStore()
  const load = useCallback(() => {
    optOuts(offset, PAGE).then(setPage, (e: unknown) => setError(errorMessage(e)))
  }, [optOuts, offset])
  useEffect(load, [load])

  async function exportCsv(): Promise<void> {
    const csv = await optOutsCsv()
    // The byte-order mark makes spreadsheet apps read the file as UTF-8 (names, usernames).
    downloadText('tickboard-opt-outs.csv', `\uFEFF${csv}`)
  }

  return (
    <div className="panel" data-testid="opt-out-list">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2>
          Opted out of marketing{' '}
          <span className="muted" data-testid="opt-out-total">
            {formatNumber(page?.total ?? 0)}
          </span>
        </h2>
        <div className="row">
          <button type="button" onClick={load}>
            Refresh
          </button>
          <GuardedButton
            route="optOuts.csv"
            type="button"
            onClick={() => void exportCsv()}
            disabled={!page?.total}
          >
            Export CSV
          </GuardedButton>
        </div>
      </div>
      <p className="muted">
        Left out of every new campaign until they resume marketing messages in WhatsApp.
      </p>
      {error && <p className="error">{error}</p>}
      {page && page.total > 0 && (
        <DataTable columns={['Who', 'When', 'How']}>
          {page.rows.map((r) => (
            <tr key={`${r.phone ?? ''}|${r.userId ?? ''}`}>
              <td>
                {r.phone ?? <span className="muted">no phone</span>}
                {r.name && ` · ${r.name}`}
                {r.username && <span className="muted"> · @{r.username}</span>}
                {!r.phone && r.userId && <span className="muted"> · {r.userId}</span>}
              </td>
              <td className="muted">{formatDateTime(r.at)}</td>
              <td>{OPT_OUT_SOURCE_LABEL[r.source]}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page && page.total > PAGE && (
        <Pager offset={offset} pageSize={PAGE} total={page.total} onChange={setOffset} />
      )}
    </div>
  )
}
