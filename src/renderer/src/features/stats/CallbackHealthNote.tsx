import type { CallbackHealth } from '../../../../shared/ipc/routes/callbacks'
import { formatDateTime, formatNumber } from '../../lib/format'

/**
 * Context for Delivered and Awaiting report: when messages wait for a status, the question is
 * whether callbacks arrive at all, which is what Callback health answers.
 */
export function CallbackHealthNote({
  awaitingReport,
  health,
  onOpen
}: {
  awaitingReport: number
  health: CallbackHealth | null
  onOpen?: () => void
}) {
  if (awaitingReport === 0 && !health) return null
  return (
    <p className="muted callback-note" data-testid="callback-note">
      {awaitingReport > 0
        ? `${formatNumber(awaitingReport)} sent messages have no status callback yet: that is a callback question, not a delivery failure.`
        : 'Every sent message has a status callback.'}{' '}
      {health &&
        `Last callback ${health.lastReceivedAt ? formatDateTime(health.lastReceivedAt) : 'never'}.`}{' '}
      {onOpen && (
        <button className="link" onClick={onOpen} data-testid="callback-health-link">
          Open Callback health
        </button>
      )}
    </p>
  )
}
