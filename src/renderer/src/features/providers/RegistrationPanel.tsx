import { useEffect, useId } from 'react'
import type { ProviderView } from '../../../../shared/ipc/routes/providers'
import type { RegistrationRecordView } from '../../../../shared/ipc/routes/registration'
import { formatDateTime } from '../../lib/format'
import { useRegistrationStore } from '../../stores/registrationStore'
import { tunnelKey, useProvidersStore } from '../../stores/providersStore'
import { DataTable } from '../../components/DataTable'
import { GuardedButton, Why } from '../../components/GuardedButton'
import { useCan } from '../../lib/useCan'

const WHO: Record<string, string> = {
  meta: 'Meta (webhook override for this phone number)',
  '360dialog': '360dialog (POST /v1/configs/webhook)',
  twilio: 'Twilio (inbound webhook of the WhatsApp sender; delivery reports go with every message)',
  gupshup: 'Gupshup (a subscription of the app with the sent, delivered and read events)',
  infobip:
    'Infobip (the notification profile of a subscription for replies; delivery reports go with every message)'
}

const TRIGGERS: Record<string, string> = {
  account_created: 'account added',
  account_updated: 'account edited',
  tunnel_up: 'tunnel up',
  url_changed: 'public URL changed',
  manual: 'by hand',
  consent: 'switched on',
  startup: 'app started'
}

function statusLine(latest: RegistrationRecordView | null, currentUrl: string | null) {
  if (!latest)
    return currentUrl
      ? { className: 'muted', text: 'Not registered yet.' }
      : { className: 'muted', text: 'Nothing to register until there is a public URL.' }
  const when = formatDateTime(latest.at)
  const stale = currentUrl !== null && latest.url !== currentUrl ? ' (an older URL)' : ''
  if (latest.outcome === 'registered')
    return { className: 'ok', text: `Callback URL registered ${when}${stale}. ${latest.detail}` }
  if (latest.outcome === 'manual')
    return { className: 'warn', text: `Set it by hand (checked ${when}): ${latest.detail}` }
  return { className: 'error', text: `Registration failed ${when}${stale}: ${latest.detail}` }
}

/** Automatic callback URL registration of one account: consent, state, log, readiness. */
export function RegistrationPanel({ provider, kind }: { provider: ProviderView; kind: string }) {
  const view = useRegistrationStore((s) => s.byProvider[provider.id])
  // Shown only when computed for the tunnel status the pill shows; else it is being checked again.
  const current = useProvidersStore((s) => tunnelKey(s.tunnel))
  const fresh = useRegistrationStore((s) => s.computedFor === current)
  const busy = useRegistrationStore((s) => s.busy[provider.id] ?? false)
  const load = useRegistrationStore((s) => s.load)
  const setEnabled = useRegistrationStore((s) => s.setEnabled)
  const register = useRegistrationStore((s) => s.register)
  const canConsent = useCan('registration.setEnabled')
  const whyId = useId()
  useEffect(() => {
    if (!view) void load()
  }, [view, load, provider.callbackUrl])
  if (provider.type === 'sandbox' || !view) return null
  const id = provider.id
  const status = statusLine(view.latest, view.currentUrl)

  return (
    <div className="registration" style={{ marginTop: 8 }} data-testid={`registration-${id}`}>
      <label style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
        <input
          type="checkbox"
          checked={view.enabled}
          disabled={busy || !canConsent.allowed}
          aria-describedby={canConsent.allowed ? undefined : whyId}
          onChange={(e) => void setEnabled(id, e.target.checked)}
          data-testid={`registration-consent-${id}`}
        />
        Register the callback URL with {WHO[kind] ?? kind} automatically: when the account is added,
        when the tunnel comes up and whenever its URL changes.
        <Why can={canConsent} id={whyId} />
      </label>
      <div className="row" style={{ marginTop: 4 }}>
        <span className={status.className} data-testid={`registration-status-${id}`}>
          {status.text}
        </span>
        <GuardedButton
          route="registration.register"
          type="button"
          onClick={() => void register(id)}
          disabled={busy || !view.currentUrl}
          data-testid={`registration-run-${id}`}
        >
          {busy ? 'Registering…' : 'Register now'}
        </GuardedButton>
      </div>
      {kind === 'meta' && (
        <div className="muted field-help" data-testid={`registration-template-note-${id}`}>
          Template webhooks (status, quality and category updates) go to the default callback URL of
          your Meta app, not to this override: Meta does not override them per phone number. So
          Tickboard reads the template list again when a campaign starts and every 15 minutes while
          it sends, and pauses the campaign when its template was paused or disabled.
        </div>
      )}
      {fresh ? (
        [...view.readiness.blocking, ...view.readiness.warnings].map((p) => (
          <div key={p} className="warn" data-testid={`registration-readiness-${id}`}>
            {p}
          </div>
        ))
      ) : (
        <div className="muted" data-testid={`registration-readiness-checking-${id}`}>
          The tunnel changed: checking again whether reports can reach Tickboard…
        </div>
      )}
      {view.log.length > 0 && (
        <details style={{ marginTop: 4 }}>
          <summary>Registration log</summary>
          <div style={{ overflowX: 'auto' }}>
            <DataTable
              testId={`registration-log-${id}`}
              columns={['When', 'Why', 'URL', 'Result', 'Provider answer']}
            >
              {view.log.map((r) => (
                <tr key={`${r.at}-${r.url}-${r.outcome}`}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>{TRIGGERS[r.trigger] ?? r.trigger}</td>
                  <td style={{ wordBreak: 'break-all' }}>
                    <code>{r.url}</code>
                  </td>
                  <td>{r.outcome}</td>
                  <td style={{ wordBreak: 'break-all' }}>
                    <code>{r.answer ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        </details>
      )}
    </div>
  )
}
