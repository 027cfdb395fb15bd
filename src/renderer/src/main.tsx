import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { api } from './lib/api'
import { useContactsStore } from './stores/contactsStore'
import { useProvidersStore } from './stores/providersStore'
import { useStatsStore } from './stores/statsStore'
import './styles.css'

// Engine events are subscribed once, here, and routed into the stores.
api.on('import.progress', (p) =>
  useContactsStore
    .getState()
    .applyProgress(p.kind, p.totalBytes ? p.processedBytes / p.totalBytes : 0)
)

api.on('stats.changed', (e) => useStatsStore.getState().onStatsChanged(e.campaignId))
api.on('tunnel.status', (s) => useProvidersStore.getState().applyTunnelStatus(s))
api.on('tunnel.urlChanged', (c) => useProvidersStore.getState().applyUrlChanged(c))

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
