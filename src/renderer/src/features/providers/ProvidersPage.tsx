import { useEffect, useState } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { useProvidersStore } from '../../stores/providersStore'
import { ProviderCard } from './ProviderCard'
import { ProviderForm } from './ProviderForm'
import { TunnelPanel } from './TunnelPanel'
import { UrlChangedBanner } from './UrlChangedBanner'
import { ErrorPanel } from '../../components/ErrorPanel'
import { GuardedButton } from '../../components/GuardedButton'

/**
 * Provider accounts, their callback URLs and health, and the one-click tunnel. `providerId`
 * (the address `#/providers/<id>`) opens that account's callback health and scrolls to it.
 */
export function ProvidersPage({ providerId }: { providerId?: string }) {
  const providers = useProvidersStore((s) => s.providers)
  const loaded = useProvidersStore((s) => s.loaded)
  const error = useProvidersStore((s) => s.error)
  const load = useProvidersStore((s) => s.load)
  const [adding, setAdding] = useState(false)
  useEffect(() => void load(), [load])

  return (
    <>
      <div className="page-header">
        <h1>Providers</h1>
        {!adding && (
          <div className="row">
            <GuardedButton
              route="providers.create"
              className="primary"
              onClick={() => setAdding(true)}
              data-testid="provider-add"
            >
              Add provider
            </GuardedButton>
          </div>
        )}
      </div>
      <UrlChangedBanner />
      <TunnelPanel />
      <ErrorPanel error={error} />
      {adding && (
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Add provider</h2>
          <ProviderForm onDone={() => setAdding(false)} />
        </div>
      )}
      {loaded && providers.length === 0 && !adding ? (
        <EmptyState title="No provider yet" testId="providers-empty">
          Add the WhatsApp account Tickboard sends through (Meta Cloud API, 360dialog, Twilio,
          Gupshup or Infobip), or a Sandbox to try everything without sending.
        </EmptyState>
      ) : (
        <div data-testid="providers-list">
          {providers.map((p) => (
            <ProviderCard key={p.id} provider={p} focused={p.id === providerId} />
          ))}
        </div>
      )}
    </>
  )
}
