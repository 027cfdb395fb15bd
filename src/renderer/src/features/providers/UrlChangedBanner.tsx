import { formatDateTime } from '../../lib/format'
import { useProvidersStore } from '../../stores/providersStore'
import { useRegistrationStore } from '../../stores/registrationStore'
import { CopyButton } from '../../components/CopyButton'

const WHERE: Record<string, string> = {
  meta: "Meta's App Dashboard → WhatsApp → Configuration → Callback URL (or the 360dialog webhook API)",
  gupshup: 'the Gupshup dashboard → your app → Callback URL'
}

/** The loud notice after the public URL changed: which accounts need the new URL, and where. */
export function UrlChangedBanner() {
  const change = useProvidersStore((s) => s.tunnel.urlChange)
  const event = useProvidersStore((s) => s.urlChanged)
  const dismissed = useProvidersStore((s) => s.dismissedUrl)
  const dismiss = useProvidersStore((s) => s.dismissUrlChange)
  const registrations = useRegistrationStore((s) => s.byProvider)
  const url = change?.url ?? event?.url
  if (!url || url === dismissed) return null
  const previous = change?.previousUrl ?? event?.previousUrl
  const toUpdate = change?.providersToUpdate ?? []
  const automatic = change?.followAutomatically ?? []

  return (
    <div className="panel banner-warn" role="alert" data-testid="tunnel-url-changed">
      <strong>The public callback URL changed.</strong>{' '}
      {previous ? (
        <>
          It was <code>{previous}</code>, it is now <code>{url}</code>.
        </>
      ) : (
        <>
          It is now <code>{url}</code>.
        </>
      )}{' '}
      Until you update it, delivery reports for these accounts go to the old address and are lost
      after the provider stops retrying.
      {toUpdate.length > 0 ? (
        <ul>
          {toUpdate.map((p) => {
            // Registered automatically with the provider (issue #15): nothing left to do by hand.
            const latest = registrations[p.id]?.latest
            return latest?.outcome === 'registered' && latest.url === p.callbackUrl ? (
              <li key={p.id} className="ok" data-testid={`tunnel-url-changed-registered-${p.id}`}>
                <strong>{p.name}</strong>: Tickboard registered <code>{p.callbackUrl}</code> with
                the provider at {formatDateTime(latest.at)}.
              </li>
            ) : (
              <li key={p.id}>
                <strong>{p.name}</strong>: update the webhook URL in{' '}
                {WHERE[p.type] ?? 'the provider'} to <code>{p.callbackUrl}</code>{' '}
                <CopyButton text={p.callbackUrl} />
              </li>
            )
          })}
        </ul>
      ) : (
        <p>No account here keeps its webhook URL at the provider, so nothing to update by hand.</p>
      )}
      {automatic.length > 0 && (
        <p className="muted">
          {automatic.map((p) => p.name).join(', ')}: Twilio and Infobip receive the callback URL
          with every message and follow the change automatically.
        </p>
      )}
      <button type="button" onClick={dismiss} data-testid="tunnel-url-changed-dismiss">
        I have updated them
      </button>
    </div>
  )
}
