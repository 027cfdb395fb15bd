import { ProgressBar } from '../../components/ProgressBar'
import { formatDateTime, formatNumber } from '../../lib/format'
import type { CampaignView } from '../../../../shared/ipc/routes/campaigns'
import { useCampaignsStore } from '../../stores/campaignsStore'
import { useUiStore } from '../../stores/uiStore'
import { OutcomeCells } from './OutcomeCells'
import { ActionButtons } from './ActionButtons'
import { GuardedButton } from '../../components/GuardedButton'

function eta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—'
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

/** One campaign in the list: status, live progress, and the actions its state allows. */
export function CampaignRow({
  campaign: c,
  onLaunch
}: {
  campaign: CampaignView
  /** Opens the launch confirmation for this draft. */
  onLaunch(id: string): void
}) {
  const busy = useCampaignsStore((s) => s.busy[c.id])
  const navigate = useUiStore((s) => s.navigate)
  const { qualified, processed, sent = 0, dispatchErrors = 0 } = c.progress
  const live = c.status === 'running' || c.status === 'paused' || c.status === 'qualifying'
  const qualifying = c.progress.qualifying
  return (
    <tr data-testid={`campaign-row-${c.id}`} data-status={c.status}>
      <td>
        <button className="link" onClick={() => navigate({ name: 'campaign', campaignId: c.id })}>
          {c.name}
        </button>
        <div className="muted">
          {c.status === 'scheduled' && c.draft?.scheduleAt
            ? `Starts ${formatDateTime(new Date(c.draft.scheduleAt).getTime())}`
            : formatDateTime(c.launchedAt ?? c.createdAt)}
        </div>
        {c.pausedReason && (
          <div className="warn" role="status" data-testid="paused-reason">
            {c.pausedReason}
          </div>
        )}
      </td>
      <td>
        <span className={`badge status-${c.status}`} data-testid="campaign-status">
          {c.status}
        </span>
      </td>
      <td style={{ minWidth: 140 }}>
        {qualified > 0 ? (
          <>
            <ProgressBar ratio={processed / qualified} label={`${c.name} progress`} />
            <div
              className="muted"
              data-testid="campaign-progress"
              title="Processed: attempted, whatever the answer (sent, held out as the control group, or not sent: dispatch errors). Sent is the next column."
            >
              {formatNumber(processed)} of {formatNumber(qualified)} processed
              {live && c.progress.ratePerSecond
                ? ` · ${c.progress.ratePerSecond}/s · ETA ${eta(c.progress.etaSeconds)}`
                : ''}
            </div>
            {qualifying && (
              // Sending starts after the launch check, with the first qualified page; expected
              // is 0 while that check still counts the audience.
              <div className="muted" data-testid="campaign-qualifying">
                {qualifying.expected === 0
                  ? 'Checking the audience before sending'
                  : `Qualifying the audience: ${formatNumber(qualifying.qualified)} of about ${formatNumber(qualifying.expected)}`}
              </div>
            )}
          </>
        ) : (
          <span className="muted">not launched</span>
        )}
      </td>
      <td
        className="num"
        style={{ whiteSpace: 'nowrap' }}
        data-testid="campaign-sent"
        title="Sent: accepted by the provider"
      >
        {formatNumber(sent)} / {formatNumber(qualified)}
        {dispatchErrors > 0 && (
          <div
            className="muted"
            title="Dispatch errors: target users not accepted by the provider, beyond the campaign limit, or cancelled"
          >
            {formatNumber(dispatchErrors)} not sent
          </div>
        )}
        {/* Qualified includes the control group, which is never sent: say so, or the gap
            between sent and qualified looks like lost messages. */}
        {qualified > 0 && !!c.draft?.controlGroupPercent && (
          <div
            className="muted"
            title="Held out as the control group: never sent, used to measure lift"
          >
            {c.draft.controlGroupPercent}% control
          </div>
        )}
      </td>
      <OutcomeCells campaign={c} />
      <td>
        <div className="row">
          {c.status === 'draft' && (
            <>
              <GuardedButton
                route="campaigns.update"
                onClick={() => navigate({ name: 'compose', campaignId: c.id })}
                data-testid="campaign-edit"
              >
                Edit
              </GuardedButton>
              <GuardedButton
                route="campaigns.launch"
                className="primary"
                disabled={!!busy}
                onClick={() => onLaunch(c.id)}
                data-testid="campaign-launch"
              >
                Launch…
              </GuardedButton>
            </>
          )}
          <ActionButtons campaign={c} />
          {live || c.status === 'completed' || c.status === 'cancelled' ? (
            <button
              onClick={() => navigate({ name: 'campaign', campaignId: c.id })}
              data-testid="campaign-open"
            >
              Stats
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  )
}
