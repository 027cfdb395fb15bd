import './campaigns.css'
import { useEffect } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { LIST_PAGE_SIZE, useCampaignsStore } from '../../stores/campaignsStore'
import { Pager } from '../../components/Pager'
import { CampaignFilters } from './CampaignFilters'
import { OUTCOME_COLUMNS } from './OutcomeCells'
import { useUiStore, type Page } from '../../stores/uiStore'
import { CampaignRow } from './CampaignRow'
import { ComposePage } from './ComposePage'
import { DataTable } from '../../components/DataTable'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useLaunch } from './useLaunch'
import { GuardedButton } from '../../components/GuardedButton'
import { Restricted } from '../../components/Restricted'

export function CampaignsPage({ page }: { page: Page }) {
  if (page.name === 'compose')
    return (
      <Restricted
        route={page.campaignId ? 'campaigns.update' : 'campaigns.create'}
        what="Composing a campaign"
      >
        {/* One form per draft: Back from one draft's page to another's starts afresh, and a
            late read of the draft left cannot fill the form or be saved over. */}
        <ComposePage key={page.campaignId ?? 'new'} campaignId={page.campaignId} />
      </Restricted>
    )
  return <CampaignList />
}

function CampaignList() {
  const list = useCampaignsStore((s) => s.list)
  const actionError = useCampaignsStore((s) => s.error)
  const loadList = useCampaignsStore((s) => s.loadList)
  const filterList = useCampaignsStore((s) => s.filterList)
  const navigate = useUiStore((s) => s.navigate)
  useEffect(() => void loadList(), [loadList])
  const launch = useLaunch()
  const filtered = list.search.trim() !== '' || list.statuses.length > 0
  return (
    <>
      <div className="page-header">
        <h1>Campaigns</h1>
        <div className="row">
          <GuardedButton
            route="campaigns.create"
            className="primary"
            onClick={() => navigate({ name: 'compose' })}
            data-testid="campaign-new"
          >
            New campaign
          </GuardedButton>
        </div>
      </div>
      <ErrorPanel error={list.error ?? actionError} />
      {(filtered || list.total > 0) && <CampaignFilters />}
      {list.loaded && list.total === 0 && filtered ? (
        <p className="muted" data-testid="campaigns-none-match">
          No campaign matches this search and status.
        </p>
      ) : list.loaded && list.total === 0 ? (
        <EmptyState title="No campaigns yet" testId="campaigns-empty">
          Compose a template campaign for your contacts. The built-in Sandbox provider lets you see
          the whole flow, callbacks and statistics included, before you connect a WhatsApp account.
        </EmptyState>
      ) : (
        <div className="panel campaign-table-panel">
          <DataTable
            testId="campaigns-table"
            columns={[
              'Campaign',
              'Status',
              // The spec's words: processed = attempted, sent = accepted by the provider.
              {
                label: <span title="Processed (attempted) of qualified">Progress</span>
              },
              {
                label: (
                  <span title="Sent (accepted by the provider) of qualified">Sent / qualified</span>
                ),
                className: 'num'
              },
              ...OUTCOME_COLUMNS,
              'Actions'
            ]}
          >
            {list.rows.map((c) => (
              <CampaignRow key={c.id} campaign={c} onLaunch={launch.ask} />
            ))}
          </DataTable>
          {list.total > LIST_PAGE_SIZE && (
            <Pager
              offset={list.offset}
              pageSize={LIST_PAGE_SIZE}
              total={list.total}
              onChange={(offset) => filterList({ offset })}
            />
          )}
        </div>
      )}
      {launch.dialog}
    </>
  )
}
