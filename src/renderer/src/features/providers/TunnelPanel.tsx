import { useState } from 'react'
import type { TunnelState } from '../../../../shared/ipc/routes/callbacks'
import { formatDateTime } from '../../lib/format'
import { selectTunnelView, useProvidersStore } from '../../stores/providersStore'
import { useShallow } from 'zustand/react/shallow'
import { CopyButton } from '../../components/CopyButton'
import { GuardedButton } from '../../components/GuardedButton'

const STATE_LABEL: Record<TunnelState, string> = {
  off: 'Off',
  connecting: 'Connecting…',
  up: 'Up',
  reconnecting: 'Reconnecting…',
  error: 'Failing, retrying'
}

/** The one-click tunnel: switch, state, public URL, self-hosted server and up/down history. */
export function TunnelPanel() {
  const tunnel = useProvidersStore((s) => s.tunnel)
  const busy = useProvidersStore((s) => s.tunnelBusy)
  // Pill and error from the one status selector the readiness lines also follow.
  const view = useProvidersStore(useShallow(selectTunnelView))
  const start = useProvidersStore((s) => s.startTunnel)
  const stop = useProvidersStore((s) => s.stopTunnel)
  const [host, setHost] = useState('')
  const on = tunnel.state !== 'off'

  return (
    <div className="panel" data-testid="tunnel-panel">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div className="row">
          <GuardedButton
            route={on ? 'tunnel.stop' : 'tunnel.start'}
            type="button"
            role="switch"
            aria-checked={on}
            className={`switch ${on ? 'on' : ''}`}
            disabled={busy}
            onClick={() => void (on ? stop() : start(host.trim() || undefined))}
            data-testid="tunnel-switch"
          >
            <span className="knob" />
          </GuardedButton>
          <strong>Tunnel</strong>
          <span className={`badge tunnel-${view.state}`} data-testid="tunnel-state">
            {busy && !on ? 'Starting…' : STATE_LABEL[view.state]}
          </span>
        </div>
        {tunnel.lastCheckAt && (
          <span className="muted">
            Last self-test {formatDateTime(tunnel.lastCheckAt)}
            {tunnel.lastRoundTripMs !== undefined ? ` · ${tunnel.lastRoundTripMs} ms` : ''}
          </span>
        )}
      </div>
      <p className="muted">
        Providers send delivery reports and replies to a public URL; the tunnel forwards it to this
        computer and is checked end to end every 30 seconds.
      </p>
      {tunnel.url && (
        <div className="row">
          Public URL <code data-testid="tunnel-url">{tunnel.url}</code>
          <CopyButton text={tunnel.url} testId="tunnel-url-copy" />
        </div>
      )}
      {view.error && (
        <div className="error" data-testid="tunnel-error">
          {view.error}
          {tunnel.nextRetryAt && view.state !== 'up'
            ? ` · next try ${formatDateTime(tunnel.nextRetryAt)}`
            : ''}
        </div>
      )}
      {!on && (
        <details>
          <summary>Self-hosted tunnel server</summary>
          <div className="row" style={{ marginTop: 8 }}>
            <input
              type="url"
              value={host}
              onChange={(e) => setHost(e.target.value)}
              placeholder={tunnel.host ?? 'https://localtunnel.me'}
              style={{ minWidth: 320 }}
              data-testid="tunnel-host"
            />
            <span className="muted">
              Empty: {tunnel.host ?? 'the public localtunnel.me server'}
            </span>
          </div>
        </details>
      )}
      {tunnel.autoStart && on && (
        <p className="muted">Started again automatically: it was on when Tickboard last closed.</p>
      )}
      {(tunnel.history?.length ?? 0) > 0 && (
        <details data-testid="tunnel-history">
          <summary>Up/down history</summary>
          <table>
            <tbody>
              {tunnel.history!.slice(0, 15).map((h, i) => (
                <tr key={`${h.at}-${i}`}>
                  <td>{formatDateTime(h.at)}</td>
                  <td>{STATE_LABEL[h.state]}</td>
                  <td className="muted">{h.reason ?? h.url ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  )
}
