import { useMemo, useState } from 'react'
import type { LaunchPreview } from '../../../../shared/ipc/routes/campaigns'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { errorMessage } from '../../lib/errors'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useCampaignsStore } from '../../stores/campaignsStore'
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatNumber
} from '../../lib/format'

/**
 * The one way a campaign is sent: what the launch will do (audience, template and category,
 * estimated cost, time at the throttle, readiness) and an explicit "Send to N people". Nothing
 * is sent until that button is pressed; Escape or Cancel leave the draft as it is.
 */
export function LaunchDialog(props: {
  campaignId: string
  onCancel(): void
  onLaunched(campaignId: string): void
}) {
  const { campaignId } = props
  const [override, setOverride] = useState(false)
  const [sending, setSending] = useState(false)
  const launchPreview = useCampaignsStore((s) => s.launchPreview)
  const launch = useCampaignsStore((s) => s.launch)
  const ask = useMemo(() => () => launchPreview(campaignId), [launchPreview, campaignId])
  const { data: facts, error, setError } = useLatestAnswer<LaunchPreview>(ask)

  const blocking = facts?.problems.filter((p) => !(override && facts.overridable.includes(p)))
  const people = facts ? formatCount(facts.messages, 'person', 'people') : ''
  const scheduled = facts?.scheduleAt ?? null

  async function confirm(): Promise<void> {
    setSending(true)
    setError(null)
    try {
      await launch(campaignId, override)
      props.onLaunched(campaignId)
    } catch (err) {
      setError(errorMessage(err))
      setSending(false)
    }
  }

  return (
    <Dialog
      title={facts ? `Launch “${facts.name}”?` : 'Launch campaign?'}
      onCancel={props.onCancel}
      testId="launch-dialog"
    >
      {!facts && !error && <p className="muted">Counting the audience…</p>}
      {facts && (
        <dl className="facts" data-testid="launch-facts">
          <dt>Audience</dt>
          <dd data-testid="launch-audience">
            {people}
            <div className="muted">
              {formatCount(facts.qualified, 'qualified contact')}
              {facts.control > 0 && `, about ${formatNumber(facts.control)} held out as control`}
              {facts.limit !== null &&
                facts.limit < facts.target &&
                `; the limit of ${formatNumber(facts.limit)} holds back ${formatNumber(facts.target - facts.limit)}`}
            </div>
          </dd>
          <dt>Template</dt>
          <dd data-testid="launch-template">
            {facts.template.label ?? facts.template.name}{' '}
            <span className="muted">({facts.template.language})</span>
            {' · '}
            {facts.template.category ?? 'category unknown'}
            {facts.template.status && facts.template.status !== 'APPROVED' && (
              <div className="warn">
                {facts.template.status}
                {facts.template.statusReason ? `: ${facts.template.statusReason}` : ''}
              </div>
            )}
          </dd>
          <dt>Estimated cost</dt>
          <dd data-testid="launch-cost">
            {facts.cost?.amount != null ? (
              <>
                {formatMoney(facts.cost.amount, facts.cost.currency)}{' '}
                <span className="muted">
                  at {facts.cost.category} rates, if every message is delivered
                </span>
              </>
            ) : (
              <span className="muted">{facts.cost?.reason ?? 'Not known for this account'}</span>
            )}
          </dd>
          <dt>Duration</dt>
          <dd data-testid="launch-duration">
            {facts.durationSeconds === null
              ? '—'
              : `about ${formatDuration(facts.durationSeconds)} at ${formatNumber(facts.ratePerSecond)} messages/s`}
          </dd>
          {scheduled && (
            <>
              <dt>Starts</dt>
              <dd>{formatDateTime(scheduled)}</dd>
            </>
          )}
        </dl>
      )}
      {facts && facts.warnings.length > 0 && (
        <ul className="muted" data-testid="launch-warnings">
          {facts.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {blocking && blocking.length > 0 && (
        <ul className="warn" data-testid="launch-problems">
          {blocking.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {facts && facts.overridable.length > 0 && (
        <label className="row">
          <input
            type="checkbox"
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
            data-testid="launch-override"
          />
          Launch anyway: delivery reports may never reach Tickboard (recorded on the campaign).
        </label>
      )}
      <ErrorPanel error={error} testId="launch-error" />
      <div className="row" style={{ justifyContent: 'flex-end', marginTop: 12 }}>
        {/* Focus starts on Cancel: the Enter that opened the dialog must not also send. */}
        <button onClick={props.onCancel} data-testid="launch-cancel" data-autofocus>
          Cancel
        </button>
        <button
          className="primary"
          disabled={!facts || sending || !!blocking?.length || facts.messages === 0}
          onClick={() => void confirm()}
          data-testid="launch-confirm"
        >
          {sending
            ? 'Sending…'
            : scheduled
              ? `Schedule for ${people}`
              : facts
                ? `Send to ${people}`
                : 'Send'}
        </button>
      </div>
    </Dialog>
  )
}
