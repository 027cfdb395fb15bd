import { create } from 'zustand'

export type Page =
  | { name: 'campaigns' }
  | { name: 'campaign'; campaignId: string }
  | { name: 'compose'; campaignId?: string }
  | { name: 'contacts' }
  | { name: 'providers' }
  | { name: 'settings' }
  | { name: 'pricing' }
  | { name: 'compare' }

interface UiState {
  page: Page
  navigate(page: Page): void
}

/** Which page is open. In memory on purpose: the URL fragment carries the API token once. */
export const useUiStore = create<UiState>()((set) => ({
  page: { name: 'campaigns' },
  navigate: (page) => set({ page })
}))
