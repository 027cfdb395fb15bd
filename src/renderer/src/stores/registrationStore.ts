import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import type { RegistrationView } from '../../../shared/ipc/routes/registration'
import { api } from '../lib/api'
import { errorMessage } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'
import { tunnelKey, useProvidersStore } from './providersStore'

type CampaignRegistration = Output<'registration.campaign'>

interface RegistrationState {
  /** Per provider account: consent, current URL, latest registrations, readiness. */
  byProvider: Record<string, RegistrationView>
  /** The tunnel status (`tunnelKey`) the readiness in `byProvider` was computed for. */
  computedFor: string | null
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
  // Every registration or tunnel change reads the accounts and each shown campaign again: an
  // answer overtaken by a newer one (computed for an earlier tunnel status) is dropped (see
  // latestAnswers). A consent or register answer fills an account of the same list.
  const answers = latestAnswers<string>()
  async function apply(providerId: string, run: () => Promise<RegistrationView>) {
    set((s) => ({ busy: { ...s.busy, [providerId]: true } }))
    const fresh = answers.ask('accounts')
    try {
      const view = await run()
      if (fresh())
        set((s) => ({ byProvider: { ...s.byProvider, [providerId]: view }, error: null }))
    } catch (err) {
      set({ error: errorMessage(err) })
    } finally {
      set((s) => ({ busy: { ...s.busy, [providerId]: false } }))
    }
  }
  return {
    byProvider: {},
    computedFor: null,
    byCampaign: {},
    busy: {},
    error: null,
    async load() {
      const fresh = answers.ask('accounts')
      const computedFor = tunnelKey(useProvidersStore.getState().tunnel)
      try {
        const { accounts } = await api.invoke('registration.list', {})
        if (!fresh()) return
        set({
          byProvider: Object.fromEntries(accounts.map((a) => [a.providerId, a])),
          computedFor,
          error: null
        })
      } catch (err) {
        if (fresh()) set({ error: errorMessage(err) })
      }
    },
    async loadCampaign(campaignId) {
      const fresh = answers.ask(`campaign:${campaignId}`)
      try {
        const info = await api.invoke('registration.campaign', { campaignId })
        if (fresh()) set((s) => ({ byCampaign: { ...s.byCampaign, [campaignId]: info } }))
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
