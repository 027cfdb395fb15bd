import { create } from 'zustand'
import type { Input, Output } from '../../../shared/ipc/contract'
import type { AccountPricing, CostOutput } from '../../../shared/ipc/routes/pricing'
import { api } from '../lib/api'
import { latestAnswers } from '../lib/latestAnswers'

type Rates = Output<'pricing.rates'>
type Marketing = Output<'stats.marketing'>

interface PricingState {
  rates: Rates | null
  loadRates(): Promise<void>
  importRateCard(csv: string): Promise<Output<'pricing.importRateCard'>>
  account(providerId: string): Promise<AccountPricing>
  setAccount(value: Input<'pricing.setAccount'>): Promise<AccountPricing>
  /** A campaign's cost and its Marketing Messages send states, asked together. */
  campaignCost(campaignId: string): Promise<[CostOutput, Marketing]>
  compare(campaignIds: string[]): Promise<Output<'stats.compare'>>
}

// The rate card is read on opening and again after an import: an answer overtaken by a newer one
// (the card before the import) is dropped (see latestAnswers).
const answers = latestAnswers<'rates'>()

/** Meta's rate card, each account's currency and fee, and what campaigns cost and returned. */
export const usePricingStore = create<PricingState>()((set, get) => ({
  rates: null,
  loadRates: () =>
    answers.load(
      'rates',
      () => api.invoke('pricing.rates', {}),
      (rates) => set({ rates })
    ),
  async importRateCard(csv) {
    const result = await api.invoke('pricing.importRateCard', { csv })
    await get().loadRates()
    return result
  },
  account: (providerId) => api.invoke('pricing.account', { providerId }),
  setAccount: (value) => api.invoke('pricing.setAccount', value),
  campaignCost: (campaignId) =>
    Promise.all([
      api.invoke('stats.cost', { campaignId }),
      api.invoke('stats.marketing', { campaignId })
    ]),
  compare: (campaignIds) => api.invoke('stats.compare', { campaignIds })
}))
