import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import type { RegistrationView } from '../../../shared/ipc/routes/registration'
import { api } from '../lib/api'
import { errorMessage } from '../lib/errors'

type CampaignRegistration = Output<'registration.campaign'>

interface RegistrationState {
  /** Per provider account: consent, current URL, latest registrations, readiness. */
  byProvider: Record<string, RegistrationView>
  /** Per campaign (stats page): the readiness override and the callback gaps. */
  byCampaign: Record<string, CampaignRegistration>
  busy: Record<string, boolean>
  error: string | null
  load(): Promise<void>
  loadCampaign(campaignId: string): Promise<void>
  setEnabled(providerId: string, enabled: boolean): Promise<void>
  register(providerId: string): Promise<void>
  /** Engine said a registration ran (or the tunnel moved): refresh what is shown. */
  refresh(): void
}

export const useRegistrationStore = create<RegistrationState>()((set, get) => {
  async function apply(providerId: string, run: () => Promise<RegistrationView>) {
    set((s) => ({ busy: { ...s.busy, [providerId]: true } }))
    try {
      const view = await run()
      set((s) => ({ byProvider: { ...s.byProvider, [providerId]: view }, error: null }))
    } catch (err) {
      set({ error: errorMessage(err) })
    } finally {
      set((s) => ({ busy: { ...s.busy, [providerId]: false } }))
    }
  }
  return {
    byProvider: {},
    byCampaign: {},
    busy: {},
    error: null,
    async load() {
      try {
        const { accounts } = await api.invoke('registration.list', {})
        set({ byProvider: Object.fromEntries(accounts.map((a) => [a.providerId, a])), error: null })
      } catch (err) {
        set({ error: errorMessage(err) })
      }
    },
    async loadCampaign(campaignId) {
      try {
        const info = await api.invoke('registration.campaign', { campaignId })
        set((s) => ({ byCampaign: { ...s.byCampaign, [campaignId]: info } }))
      } catch {
        // The stats page works without it; a missing campaign is reported by the page itself.
      }
    },
    setEnabled: (providerId, enabled) =>
      apply(providerId, () => api.invoke('registration.setEnabled', { providerId, enabled })),
    register: (providerId) =>
      apply(providerId, () => api.invoke('registration.register', { providerId })),
    refresh() {
      void get().load()
      for (const id of Object.keys(get().byCampaign)) void get().loadCampaign(id)
    }
  }
})
