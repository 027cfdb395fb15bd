import { useEffect, useRef, useState } from 'react'
import type { ProviderView } from '../../../../shared/ipc/routes/providers'
import { useProvidersStore } from '../../stores/providersStore'
import { CopyButton } from '../../components/CopyButton'
import { ConnectionPanel } from './ConnectionPanel'
import { HealthPanel } from './HealthPanel'
import { KIND_LABELS, kindOf } from '../../../../shared/domain/providerForm'
import { ProviderForm } from './ProviderForm'
import { RegistrationPanel } from './RegistrationPanel'
import { GuardedButton } from '../../components/GuardedButton'

const WHERE_TO_PASTE: Record<string, string> = {
  meta: 'Nothing to paste: Tickboard registers it with Meta (below); with registration off, paste it in the App Dashboard with the verify token.',
  '360dialog': 'Nothing to paste: Tickboard registers it with 360dialog (below).',
  gupshup:
    'Tickboard registers it with Gupshup when the account has a partner app token; otherwise paste it in the Gupshup dashboard → your app → Callback URL.',
  twilio: 'Nothing to paste: Tickboard sends it with every message (StatusCallback).',
  infobip: 'Nothing to paste: Tickboard sends it with every message (notifyUrl).',
  sandbox: 'The sandbox reports to the engine directly; the URL is only for testing.'
}

/** One provider account: callback URL to copy, test button, health, edit. */
export function ProviderCard({
  provider,
  focused = false
}: {
  provider: ProviderView
  /** Opened by its address (e.g. the stats page's "Open Callback health"): health shown. */
  focused?: boolean
}) {
  const test = useProvidersStore((s) => s.tests[provider.id])
  const runTest = useProvidersStore((s) => s.testCallback)
  const connection = useProvidersStore((s) => s.connections[provider.id])
  const testConnection = useProvidersStore((s) => s.testConnection)
  const tunnelState = useProvidersStore((s) => s.tunnel.state)
  const [editing, setEditing] = useState(false)
  const [showHealth, setShowHealth] = useState(focused)
  const card = useRef<HTMLDivElement>(null)
  // Opened by its address, also when the page was already open on another account.
  const [wasFocused, setWasFocused] = useState(focused)
  if (focused !== wasFocused) {
    setWasFocused(focused)
    if (focused) setShowHealth(true)
  }
  useEffect(() => {
    if (focused) card.current?.scrollIntoView({ block: 'start' })
  }, [focused])
  const kind = kindOf(provider.type, provider.config)

  return (
    <div className="panel" ref={card} data-testid={`provider-${provider.id}`}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <strong data-testid="provider-name">{provider.name}</strong>{' '}
          <span className="badge">{KIND_LABELS[kind]}</span>
        </div>
        <div className="row">
          {provider.type !== 'sandbox' && (
            <GuardedButton
              route="providers.testConnection"
              type="button"
              onClick={() => void testConnection(provider.id)}
              disabled={connection?.running}
              data-testid={`provider-test-connection-${provider.id}`}
            >
              {connection?.running ? 'Testing…' : 'Test connection'}
            </GuardedButton>
          )}
          <GuardedButton
            route="callbacks.test"
            type="button"
            onClick={() => void runTest(provider.id)}
            disabled={test?.running}
            data-testid={`provider-test-${provider.id}`}
          >
            {test?.running ? 'Testing…' : 'Test callback'}
          </GuardedButton>
          <button
            type="button"
            aria-expanded={showHealth}
            onClick={() => setShowHealth((v) => !v)}
            data-testid={`provider-health-toggle-${provider.id}`}
          >
            {showHealth ? 'Hide health' : 'Callback health'}
          </button>
          <GuardedButton
            route="providers.update"
            type="button"
            onClick={() => setEditing((v) => !v)}
            data-testid={`provider-edit-${provider.id}`}
          >
            {editing ? 'Close' : 'Edit'}
          </GuardedButton>
        </div>
      </div>
      <div className="row" style={{ marginTop: 8 }}>
        Callback URL{' '}
        {provider.callbackUrl ? (
          <>
            <code data-testid={`provider-callback-url-${provider.id}`}>{provider.callbackUrl}</code>
            <CopyButton text={provider.callbackUrl} testId={`provider-copy-${provider.id}`} />
          </>
        ) : (
          <span className="warn" data-testid={`provider-callback-url-${provider.id}`}>
            {tunnelState === 'off'
              ? 'none yet: switch the tunnel on to get a public URL'
              : 'waiting for the tunnel to come up'}
          </span>
        )}
      </div>
      <div className="muted field-help">{WHERE_TO_PASTE[kind]}</div>
      <ConnectionPanel providerId={provider.id} />
      <RegistrationPanel provider={provider} kind={kind} />
      {test && !test.running && (
        <TestResult result={test.result} error={test.error} id={provider.id} />
      )}
      {showHealth && (
        <div style={{ marginTop: 8 }}>
          <HealthPanel providerId={provider.id} />
        </div>
      )}
      {editing && (
        <div style={{ marginTop: 8 }}>
          <ProviderForm editing={provider} onDone={() => setEditing(false)} />
        </div>
      )}
    </div>
  )
}

function TestResult(props: {
  id: string
  result?: { ok: boolean; roundTripMs: number | null; via: string; error?: string; url?: string }
  error?: string
}) {
  const { id, result, error } = props
  if (!result)
    return (
      <div className="error" data-testid={`provider-test-result-${id}`}>
        {error}
      </div>
    )
  const via =
    result.via === 'tunnel'
      ? 'through the tunnel'
      : result.via === 'public-url'
        ? 'through the public URL'
        : result.ok
          ? 'on this computer'
          : 'on this computer only'
  return (
    <div
      className={result.ok ? 'ok' : 'error'}
      data-testid={`provider-test-result-${id}`}
      style={{ marginTop: 8 }}
    >
      {result.ok
        ? `Signed test callback arrived ${via}: round trip ${result.roundTripMs} ms.`
        : `Test callback failed ${via}: ${result.error ?? 'no answer'}`}
    </div>
  )
}
