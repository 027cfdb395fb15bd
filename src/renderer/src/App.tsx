import { CampaignsPage } from './features/campaigns/CampaignsPage'
import { ComparePage } from './features/compare/ComparePage'
import { ContactsPage } from './features/contacts/ContactsPage'
import { PricingPage } from './features/pricing/PricingPage'
import { ProvidersPage } from './features/providers/ProvidersPage'
import { SettingsPage } from './features/settings/SettingsPage'
import { CampaignStatsPage } from './features/stats/CampaignStatsPage'
import { SignInPage } from './features/session/SignInPage'
import { SignedInAs } from './features/session/SignedInAs'
import { CheckingSession } from './features/session/CheckingSession'
import { TeamServerStrip } from './features/team/TeamServerStrip'
import { useSessionStore } from './stores/sessionStore'
import { useUiStore, type Page } from './stores/uiStore'

const NAV: { name: Page['name']; label: string }[] = [
  { name: 'campaigns', label: 'Campaigns' },
  { name: 'contacts', label: 'Contacts' },
  { name: 'compare', label: 'Compare' },
  { name: 'providers', label: 'Providers' },
  { name: 'pricing', label: 'Pricing' },
  { name: 'settings', label: 'Settings' }
]

export function App() {
  const page = useUiStore((s) => s.page)
  const navigate = useUiStore((s) => s.navigate)
  const status = useSessionStore((s) => s.status)
  if (status === 'signedOut') return <SignInPage />
  // Every button depends on the role: pages show once the engine has said who this is.
  if (status === 'checking') return <CheckingSession />
  const section = page.name === 'campaign' || page.name === 'compose' ? 'campaigns' : page.name
  return (
    <div className="app">
      <nav className="nav" aria-label="Main">
        <div className="brand">Tickboard</div>
        {NAV.map((item) => (
          <button
            key={item.name}
            className={section === item.name ? 'active' : ''}
            onClick={() => navigate({ name: item.name } as Page)}
            data-testid={`nav-${item.name}`}
          >
            {item.label}
          </button>
        ))}
        <SignedInAs />
      </nav>
      <main className="main">
        <TeamServerStrip />
        <PageView page={page} />
      </main>
    </div>
  )
}

function PageView({ page }: { page: Page }) {
  switch (page.name) {
    case 'campaign':
      return <CampaignStatsPage campaignId={page.campaignId} />
    case 'campaigns':
    case 'compose':
      return <CampaignsPage page={page} />
    case 'contacts':
      return <ContactsPage />
    case 'providers':
      return <ProvidersPage providerId={page.providerId} />
    case 'settings':
      return <SettingsPage section={page.section} />
    case 'pricing':
      return <PricingPage />
    case 'compare':
      return <ComparePage />
  }
}
