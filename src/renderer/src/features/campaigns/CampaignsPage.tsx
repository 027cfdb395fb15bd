import { EmptyState } from '../../components/EmptyState'
import type { Page } from '../../stores/uiStore'

export function CampaignsPage({ page: _page }: { page: Page }) {
  return (
    <>
      <div className="page-header">
        <h1>Campaigns</h1>
      </div>
      <EmptyState title="No campaigns yet" testId="campaigns-empty">
        Your contacts and the built-in Sandbox provider are ready. Campaign composition arrives with
        the dispatch engine.
      </EmptyState>
    </>
  )
}
