import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// First: reads the print request from the fragment before lib/api.ts clears it.
import { printTarget } from './features/report/printTarget'
import { ReportPage } from './features/report/ReportPage'
import { useExportStore } from './features/exports/exportStore'
import { App } from './App'
import { api } from './lib/api'
import { useCampaignsStore } from './stores/campaignsStore'
import { useContactsStore } from './stores/contactsStore'
import { useProvidersStore } from './stores/providersStore'
import { useRegistrationStore } from './stores/registrationStore'
import { useSessionStore } from './stores/sessionStore'
import { useStatsStore } from './stores/statsStore'
import { useTeamStore } from './stores/teamStore'
import './styles.css'

// Engine events are subscribed once, here, and routed into the stores.
api.on('import.progress', (p) =>
  useContactsStore
    .getState()
    .applyProgress(p.kind, p.totalBytes ? p.processedBytes / p.totalBytes : 0)
)

api.on('campaign.progress', (p) => useCampaignsStore.getState().applyProgress(p))
api.on('stats.changed', (e) => useStatsStore.getState().onStatsChanged(e.campaignId))
// The list page's rates (delivered, read, converted) follow too, one page read per second at most.
api.on('stats.changed', (e) => useCampaignsStore.getState().onStatsChanged(e.campaignId))
// The event stream dropped: the open stats ask again, and say so if the engine does not answer.
api.onDisconnect(() => {
  const open = useStatsStore.getState().campaignId
  if (open) useStatsStore.getState().onStatsChanged(open)
})
api.on('export.progress', (p) => useExportStore.getState().applyProgress(p))
api.on('tunnel.status', (s) => useProvidersStore.getState().applyTunnelStatus(s))
api.on('tunnel.urlChanged', (c) => useProvidersStore.getState().applyUrlChanged(c))
api.on('registration.changed', () => useRegistrationStore.getState().refresh())
api.on('tunnel.status', () => useRegistrationStore.getState().refresh())
api.on('team.connection', (c) => {
  useTeamStore.getState().apply(c)
  // The team server is back after a start without it: the window can now learn who it is.
  if (c.state === 'connected' && useSessionStore.getState().status === 'checking')
    void useSessionStore.getState().loadMe()
})

// Who this window is decides which buttons act; asked once (and again after each sign-in).
if (!printTarget) void useSessionStore.getState().loadMe()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {printTarget ? (
      <ReportPage campaignId={printTarget.campaignId} paper={printTarget.paper} />
    ) : (
      <App />
    )}
  </StrictMode>
)
