import { useEffect } from 'react'
import { formatDateTime, formatNumber } from '../../lib/format'
import { useProvidersStore } from '../../stores/providersStore'

/** Callback health of one provider: where to look when Delivered seems low. */
export function HealthPanel({ providerId }: { providerId: string }) {
  const health = useProvidersStore((s) => s.health[providerId])
  const load = useProvidersStore((s) => s.loadHealth)
  useEffect(() => void load(providerId), [load, providerId])

  if (!health) return <div className="muted">Loading callback health…</div>
  if ('error' in health) return <div className="error">Callback health: {health.error}</div>
  const rejects = Object.entries(health.rejected).filter(([, n]) => n > 0)
  const ignored = Object.entries(health.ignored).filter(([, n]) => n > 0)
  return (
    <div data-testid={`health-${providerId}`}>
      <div className="health-grid">
        <Stat label="Last callback" value={formatDateTime(health.lastReceivedAt)} />
        <Stat label="Received" value={formatNumber(health.received)} />
        <Stat
          label="Rejected"
          value={formatNumber(rejects.reduce((sum, [, n]) => sum + n, 0))}
          warn={rejects.length > 0}
        />
        <Stat
          label="Ignored items"
          value={formatNumber(ignored.reduce((sum, [, n]) => sum + n, 0))}
        />
        <Stat
          label="Unmatched"
          value={formatNumber(health.unmatched)}
          warn={health.unmatched > 0}
        />
        <Stat label="Unattributed replies" value={formatNumber(health.unattributedReplies)} />
        <Stat
          label="Awaiting report > 10 min"
          value={formatNumber(health.awaitingReport)}
          warn={health.awaitingReport > 0}
        />
        <Stat
          label="Median sent → delivered"
          value={health.medianDeliveryMs === null ? '—' : formatDuration(health.medianDeliveryMs)}
        />
      </div>
      {rejects.length > 0 && (
        <p className="muted">
          Rejected by reason:{' '}
          {rejects.map(([reason, n]) => `${reason} ${formatNumber(n)}`).join(', ')}
        </p>
      )}
      {ignored.length > 0 && (
        <p className="muted" data-testid="ignored-reasons">
          Acknowledged but not understood (kept in the inbox, no numbers changed):{' '}
          {ignored.map(([reason, n]) => `${reason} ${formatNumber(n)}`).join(', ')}
        </p>
      )}
      {health.awaitingReport > 0 && health.received === 0 && (
        <p className="warn">
          Messages were sent but no callback ever arrived: check that the provider has this callback
          URL and that the tunnel is up, then use Test callback.
        </p>
      )}
      <button type="button" onClick={() => void load(providerId)}>
        Refresh
      </button>
    </div>
  )
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className="stat">
      <div className="muted">{label}</div>
      <div className={warn ? 'warn' : ''}>{value}</div>
    </div>
  )
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`
  return `${(ms / 60_000).toFixed(1)} min`
}
