import { useEffect, useMemo, useState } from 'react'
import { VERDICT_TEXT } from '../../../../shared/domain/statsView'
import type { CompareRow } from '../../../../shared/ipc/routes/pricing'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { formatNumber, formatPercent } from '../../lib/format'
import { useCampaignsStore } from '../../stores/campaignsStore'
import { usePricingStore } from '../../stores/pricingStore'
import { costMoney, roiText } from '../pricing/costView'
import { COLUMNS, compareCsv, liftText, sortRows, type SortKey } from './compareView'
import { LiftBars } from './LiftBars'
import { Panel } from '../../components/Panel'
import { downloadText } from '../../lib/download'

const MAX = 20

/** Columns measured from conversions: a campaign without a goal has none of them. */
const FROM_GOAL = new Set<SortKey>([
  'lift',
  'verdict',
  'incrementalRevenue',
  'costPerIncrementalConversion',
  'roi'
])

function display(row: CompareRow, key: SortKey): string {
  const column = COLUMNS.find((c) => c.key === key)!
  if (row.goal === null && FROM_GOAL.has(key)) return 'No goal'
  const value = row[key]
  if (key === 'roi') return roiText(row)
  if (value === null) return '—'
  switch (column.kind) {
    case 'count':
      return formatNumber(value as number)
    case 'rate':
      return formatPercent(value as number)
    case 'points':
      return liftText(row)
    case 'money':
      return (
        costMoney(
          value as number,
          key === 'incrementalRevenue' ? row.revenueCurrency : row.currency
        ) + (key !== 'incrementalRevenue' && row.estimated ? ' (est.)' : '')
      )
    default:
      return key === 'verdict' ? VERDICT_TEXT[row.verdict].title : String(value)
  }
}

/** Campaigns side by side (spec §6, stats.compare): pick, sort, see lift, export. */
export function ComparePage() {
  const campaigns = useCampaignsStore((s) => s.campaigns)
  const load = useCampaignsStore((s) => s.load)
  const [picked, setPicked] = useState<string[]>([])
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'lift',
    descending: true
  })
  useEffect(() => void load(), [load])
  const launched = campaigns.filter((c) => c.status !== 'draft' && c.status !== 'scheduled')

  const compare = usePricingStore((s) => s.compare)
  const ask = useMemo(() => (picked.length ? () => compare(picked) : null), [picked, compare])
  const { data, error } = useLatestAnswer(ask)
  const rows: CompareRow[] | null = data?.rows ?? null
  const sorted = useMemo(
    () => (rows ? sortRows(rows, sort.key, sort.descending) : []),
    [rows, sort]
  )

  const toggle = (id: string): void =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < MAX ? [...p, id] : p))
  const exportCsv = (): void => downloadText('tickboard-compare.csv', compareCsv(sorted))
  return (
    <div data-testid="compare-page">
      <div className="page-header">
        <h1>Compare campaigns</h1>
        <button onClick={exportCsv} disabled={sorted.length === 0} data-testid="compare-export">
          Export CSV
        </button>
      </div>
      <Panel title="Campaigns">
        <p className="muted">
          Pick up to {MAX} launched campaigns; each row uses the definitions of its stats page.
        </p>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {launched.map((c) => (
            <label key={c.id} className="toggle">
              <input
                type="checkbox"
                checked={picked.includes(c.id)}
                onChange={() => toggle(c.id)}
                data-testid={`compare-pick-${c.id}`}
              />
              {c.name}
            </label>
          ))}
          {launched.length === 0 && <span className="muted">No launched campaigns yet.</span>}
        </div>
      </Panel>
      {error && <p className="error">Could not compare: {error}</p>}
      {sorted.length > 0 && (
        <>
          <section className="panel" style={{ overflowX: 'auto' }}>
            <table className="table" data-testid="compare-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      aria-sort={
                        sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                      }
                    >
                      <button
                        className="link"
                        onClick={() =>
                          setSort((s) => ({
                            key: c.key,
                            descending: s.key === c.key ? !s.descending : true
                          }))
                        }
                        data-testid={`compare-sort-${c.key}`}
                      >
                        {c.label}
                        {sort.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={r.campaignId} data-testid="compare-row" data-campaign-id={r.campaignId}>
                    {COLUMNS.map((c) => (
                      <td key={c.key} data-col={c.key}>
                        {display(r, c.key)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              Rates are shares of sent. Clicked exists only for campaigns sent through Meta&apos;s
              Marketing Messages API. Cost marked “est.” is estimated from the template category
              because the provider reports no prices.
            </p>
          </section>
          <Panel title="Conversion lift with 95% intervals">
            <LiftBars rows={sorted.filter((r) => r.goal !== null)} />
            {sorted.some((r) => r.goal === null) && (
              <p className="muted" data-testid="compare-no-goal">
                No goal, so no lift:{' '}
                {sorted
                  .filter((r) => r.goal === null)
                  .map((r) => r.name)
                  .join(', ')}
              </p>
            )}
          </Panel>
        </>
      )}
    </div>
  )
}
