import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'

/** The provider's own numbers of a campaign (`stats.reconciliation`), and fetching them now. */
interface ReconciliationState {
  load(campaignId: string): Promise<Output<'stats.reconciliation'>>
  /** `providers.reconcile`: asks the provider now; the panel then loads again. */
  fetchNow(campaignId: string): Promise<Output<'providers.reconcile'>>
}

export const useReconciliationStore = create<ReconciliationState>()(() => ({
  load: (campaignId) => api.invoke('stats.reconciliation', { campaignId }),
  fetchNow: (campaignId) => api.invoke('providers.reconcile', { campaignId })
}))
