import { useMemo, useState } from 'react'
import type { Reconciliation } from '../../../../shared/ipc/routes/stats'
import { DataTable } from '../../components/DataTable'
import { Panel } from '../../components/Panel'
import { errorMessage } from '../../lib/errors'
import { formatDateTime, formatNumber } from '../../lib/format'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useReconciliationStore } from '../../stores/reconciliationStore'
import { GuardedButton } from '../../components/GuardedButton'

type Day = Reconciliation['days'][number]
const METRICS = [
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['read', 'Read'],
  ['clicked', 'Clicked']
] as const

const cell = (n: number | null): string => (n === null ? '—' : formatNumber(n))

/** One number: ours, and the provider's beside it when they differ. */
function Pair({ day, metric }: { day: Day; metric: (typeof METRICS)[number][0] }) {
  const ours = day.ours[metric]
  const theirs = day.provider[metric]
  const differs = theirs !== null && ours !== theirs
  return (
    <td className={differs ? 'num differs' : 'num'} data-testid={`rec-${metric}`}>
      {cell(ours)} / {cell(theirs)}
    </td>
  )
}

/**
 * "The provider's own numbers" (spec §6): the provider's records per template and day beside ours
 * (ours / theirs), with every difference explained in words, the time they were fetched, and
 * Fetch now. Reloads whenever the stats page's summary does (`refreshKey`).
 */
export function ProviderNumbersPanel({
  campaignId,
  refreshKey
}: {
  campaignId?: string
  refreshKey: unknown
}) {
  const load = useReconciliationStore((s) => s.load)
  const fetchNow = useReconciliationStore((s) => s.fetchNow)
  const [fetching, setFetching] = useState<string | null>(null)
  const [asked, setAsked] = useState(0)
  const ask = useMemo(() => (campaignId ? () => load(campaignId) : null), [campaignId, load])
  // One key per change: a new array each render would ask again after every answer, for ever.
  const again = useMemo(() => [refreshKey, asked], [refreshKey, asked])
  const { data, error } = useLatestAnswer(ask, { refreshKey: again })

  async function onFetch(): Promise<void> {
    if (!campaignId) return
    setFetching('Asking the provider…')
    try {
      const r = await fetchNow(campaignId)
      setFetching(
        `Fetched ${formatNumber(r.fetched)} records; ${formatNumber(r.filled)} missing reports filled.`
      )
    } catch (err) {
      setFetching(`Could not fetch: ${errorMessage(err)}`)
    }
    setAsked((n) => n + 1)
  }

  return (
    <Panel title="The provider’s own numbers" testId="provider-numbers-panel">
      <div className="panel-header">
        <p className="muted">
          {data?.fetchedAt
            ? `Fetched ${formatDateTime(data.fetchedAt)} from ${data.source ?? 'the provider'}.`
            : 'A second source beside our callbacks: what the provider itself recorded.'}
        </p>
        <GuardedButton
          route="providers.reconcile"
          type="button"
          onClick={() => void onFetch()}
          disabled={!campaignId || fetching === 'Asking the provider…'}
          data-testid="provider-numbers-fetch"
        >
          Fetch now
        </GuardedButton>
      </div>
      {fetching && (
        <p className="muted" role="status" data-testid="provider-numbers-status">
          {fetching}
        </p>
      )}
      {error && <p className="error">Could not load the provider’s numbers: {error}</p>}
      {data && <ProviderNumbersTable data={data} />}
    </Panel>
  )
}

/** The days (ours / theirs, why they differ) and the notes: the panel's and the printed report's. */
export function ProviderNumbersTable({ data }: { data: Reconciliation }) {
  return (
    <>
      {data.days.length > 0 && (
        <DataTable
          testId="provider-numbers-table"
          columns={[
            'Day',
            ...METRICS.map(([, label]) => ({
              label: `${label} (ours / theirs)`,
              className: 'num'
            })),
            'Why they differ'
          ]}
        >
          {data.days.map((day) => (
            <tr key={`${day.date}-${day.templateId}`} data-testid="provider-numbers-day">
              <td>{day.date}</td>
              {METRICS.map(([metric]) => (
                <Pair key={metric} day={day} metric={metric} />
              ))}
              <td data-testid="provider-numbers-why">
                {(day.notes ?? []).length ? day.notes!.join(' ') : 'Same numbers.'}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {data.notes.map((note) => (
        <p className="muted" key={note} data-testid="provider-numbers-note">
          {note}
        </p>
      ))}
    </>
  )
}
