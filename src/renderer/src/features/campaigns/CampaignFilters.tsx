import { useEffect, useState } from 'react'
import type { CampaignStatus } from '../../../../shared/ipc/routes/campaigns'
import { useCampaignsStore } from '../../stores/campaignsStore'

/** The status filter's choices: "Sending" is every campaign still going, paused included. */
const STATUS_CHOICES: { id: string; label: string; statuses: CampaignStatus[] }[] = [
  { id: 'all', label: 'All statuses', statuses: [] },
  { id: 'draft', label: 'Drafts', statuses: ['draft'] },
  { id: 'scheduled', label: 'Scheduled', statuses: ['scheduled'] },
  { id: 'sending', label: 'Sending or paused', statuses: ['qualifying', 'running', 'paused'] },
  { id: 'completed', label: 'Completed', statuses: ['completed'] },
  { id: 'cancelled', label: 'Cancelled', statuses: ['cancelled'] }
]

/** Search by name (any part, any case) and filter by status; the engine pages the answer. */
export function CampaignFilters() {
  const list = useCampaignsStore((s) => s.list)
  const filterList = useCampaignsStore((s) => s.filterList)
  const [search, setSearch] = useState(list.search)
  // Asked once typing pauses, not at every key.
  useEffect(() => {
    if (search === useCampaignsStore.getState().list.search) return
    const timer = setTimeout(() => filterList({ search }), 250)
    return () => clearTimeout(timer)
  }, [search, filterList])
  const chosen =
    STATUS_CHOICES.find((c) => c.statuses.join() === list.statuses.join()) ?? STATUS_CHOICES[0]!
  return (
    <div className="row campaign-filters" role="search">
      <input
        type="search"
        placeholder="Search campaigns by name"
        aria-label="Search campaigns by name"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="campaign-search"
        style={{ flex: 1, maxWidth: 360 }}
      />
      <select
        aria-label="Status"
        value={chosen.id}
        onChange={(e) =>
          filterList({ statuses: STATUS_CHOICES.find((c) => c.id === e.target.value)!.statuses })
        }
        data-testid="campaign-status-filter"
      >
        {STATUS_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  )
}
