import { useCallback, useMemo, useState } from 'react'
import { RESEND_RISK } from '../../../../shared/domain/outcomeUnknown'
import { DataTable } from '../../components/DataTable'
import { Pager } from '../../components/Pager'
import { Panel } from '../../components/Panel'
import { formatDateTime, formatNumber } from '../../lib/format'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useUnknownOutcomesStore } from '../../stores/unknownOutcomesStore'
import { GuardedButton } from '../../components/GuardedButton'

const PAGE = 20

/**
 * Sends whose outcome is unknown (spec §3): the answer was lost, so the message may or may not
 * have gone. Each with why, and whether callbacks and the provider's records are still being
 * checked. Sending again is the operator's explicit choice, after being told what it risks.
 */
export function OutcomeUnknownPanel({
  campaignId,
  count,
  refreshKey
}: {
  campaignId: string
  count: number
  refreshKey: unknown
}) {
  const [offset, setOffset] = useState(0)
  const [result, setResult] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const list = useUnknownOutcomesStore((s) => s.list)
  const resendAll = useUnknownOutcomesStore((s) => s.resend)
  // Asked again after a resend (`result`) and whenever the summary changes.
  const ask = useMemo(
    () => (result === undefined ? null : () => list(campaignId, offset, PAGE)),
    [campaignId, offset, result, list]
  )
  const { data, error } = useLatestAnswer(ask, { refreshKey })
  const checking = data?.rows.some((r) => r.checkingUntil !== null) ?? false

  const resend = useCallback(async () => {
    const question =
      `Send again to the recipients whose outcome is still unknown?\n\n${RESEND_RISK}\n\n` +
      'Recipients still being checked are left alone.'
    if (!window.confirm(question)) return
    setBusy(true)
    setFailure(null)
    try {
      const r = await resendAll(campaignId)
      setResult(
        `${formatNumber(r.requeued)} queued to be sent again` +
          (r.stillChecking ? `; ${formatNumber(r.stillChecking)} still being checked.` : '.')
      )
    } catch (err) {
      setFailure((err as Error).message)
    } finally {
      setBusy(false)
    }
  }, [campaignId, resendAll])

  if (count === 0 && !result) return null
  return (
    <Panel title={`Outcome unknown (${formatNumber(count)})`} testId="outcome-unknown-panel">
      <p className="warn">
        The provider’s answer to these sends was lost (a timeout or a broken connection after the
        request left), so they may or may not have arrived. They are never sent again on their own:
        a status report carrying our id or the provider’s own records settle them
        {checking ? ' — some are still being checked' : ''}.
      </p>
      {error && <p className="error">Could not load them: {error}</p>}
      {data && (
        <DataTable
          testId="outcome-unknown-table"
          columns={['Phone', 'Name', 'Why unknown', 'Time', 'Provider message', 'Checked until']}
        >
          {data.rows.map((r, i) => (
            <tr key={`${r.phone}-${i}`}>
              <td>{r.phone}</td>
              <td>{r.name ?? <span className="muted">—</span>}</td>
              <td>{r.reason}</td>
              <td className="muted">{r.at === null ? '—' : formatDateTime(r.at)}</td>
              <td className="muted">{r.providerMessage ?? '—'}</td>
              <td className="muted">
                {r.checkingUntil === null ? 'no longer checked' : formatDateTime(r.checkingUntil)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {data && <Pager offset={offset} pageSize={PAGE} total={data.total} onChange={setOffset} />}
      <p>
        <GuardedButton
          route="campaigns.resendUnknown"
          onClick={() => void resend()}
          disabled={busy || count === 0}
          data-testid="outcome-unknown-resend"
        >
          Send again…
        </GuardedButton>{' '}
        <span className="muted">{RESEND_RISK}</span>
      </p>
      {result && (
        <p className="muted" role="status" data-testid="outcome-unknown-result">
          {result}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </Panel>
  )
}
