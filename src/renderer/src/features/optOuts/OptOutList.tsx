import { useMemo, useState } from 'react'
import { OPT_OUT_SOURCE_LABEL } from '../../../../shared/domain/optOuts'
import { Pager } from '../../components/Pager'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useSettingsStore } from '../../stores/settingsStore'
import { formatDateTime, formatNumber } from '../../lib/format'
import { DataTable } from '../../components/DataTable'
import { downloadText } from '../../lib/download'
import { GuardedButton } from '../../components/GuardedButton'

const PAGE = 50

/** Contacts page: who stopped marketing messages, when and how; export as CSV. */
export function OptOutList() {
  const [offset, setOffset] = useState(0)
  const [asked, setAsked] = useState(0)
  const { optOuts, optOutsCsv } = useSettingsStore()
  // Paging can outrun the engine: the page shown is the one the pager is on (useLatestAnswer).
  const ask = useMemo(() => () => optOuts(offset, PAGE), [optOuts, offset])
  const { data: page, error } = useLatestAnswer(ask, { refreshKey: asked })

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
          <button type="button" onClick={() => setAsked((n) => n + 1)}>
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
