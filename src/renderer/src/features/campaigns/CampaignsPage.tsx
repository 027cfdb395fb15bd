import './campaigns.css'
import { useEffect } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { useCampaignsStore } from '../../stores/campaignsStore'
import { useUiStore, type Page } from '../../stores/uiStore'
import { CampaignRow } from './CampaignRow'
import { ComposePage } from './ComposePage'
import { DataTable } from '../../components/DataTable'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useLaunch } from './useLaunch'

export function CampaignsPage({ page }: { page: Page }) {
  if (page.name === 'compose') return <ComposePage campaignId={page.campaignId} />
  return <CampaignList />
}

function CampaignList() {
  const { campaigns, loaded, error } = useCampaignsStore()
  const load = useCampaignsStore((s) => s.load)
  const navigate = useUiStore((s) => s.navigate)
  useEffect(() => void load(), [load])
  const launch = useLaunch()
  return (
    <>
      <div className="page-header">
        <h1>Campaigns</h1>
        <button
          className="primary"
          onClick={() => navigate({ name: 'compose' })}
          data-testid="campaign-new"
        >
          New campaign
        </button>
      </div>
      <ErrorPanel error={error} />
      {loaded && campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet" testId="campaigns-empty">
          Compose a template campaign for your contacts. The built-in Sandbox provider lets you see
          the whole flow, callbacks and statistics included, before you connect a WhatsApp account.
        </EmptyState>
      ) : (
        <div className="panel">
          <DataTable
            testId="campaigns-table"
            columns={[
              'Campaign',
              'Status',
              'Progress',
              { label: 'Sent / qualified', className: 'num' },
              'Actions'
            ]}
          >
            {campaigns.map((c) => (
              <CampaignRow key={c.id} campaign={c} onLaunch={launch.ask} />
            ))}
          </DataTable>
        </div>
      )}
      {launch.dialog}
    </>
  )
}
