import { create } from 'zustand'
import type { Events, Input, Output } from '../../../shared/ipc/contract'
import type { CampaignDraft, CampaignView } from '../../../shared/ipc/routes/campaigns'
import { api } from '../lib/api'
import { errorMessage } from '../lib/errors'

/** What a list row can do at once; launching goes through the confirmation (LaunchDialog). */
export type Action = 'pause' | 'resume' | 'cancel' | 'duplicate' | 'delete'

interface CampaignsState {
  campaigns: CampaignView[]
  loaded: boolean
  error: string | null
  /** Campaign id → action in progress, so its buttons disable while it runs. */
  busy: Record<string, Action | undefined>
  load(): Promise<void>
  act(id: string, action: Action): Promise<void>
  /** Creates (or updates) a draft and returns its id; launching is the confirmation's. */
  save(draft: CampaignDraft, options: { id?: string }): Promise<string>
  /** What the launch confirmation shows: audience, template, cost, duration, readiness. */
  launchPreview(id: string): Promise<Output<'campaigns.launchPreview'>>
  /** Launches a confirmed draft (`overrideReadiness`: the operator's recorded override). */
  launch(id: string, overrideReadiness: boolean): Promise<void>
  /** One campaign with its stored draft (Compose edits it). */
  get(id: string): Promise<Output<'campaigns.get'>>
  /** The engine's check of a draft being edited: counts, sample message, blocking problems. */
  preview(draft: Input<'campaigns.preview'>['draft']): Promise<Output<'campaigns.preview'>>
  applyProgress(p: Events['campaign.progress']): void
}

/** Campaign list with live progress pushed by `campaign.progress` events. */
export const useCampaignsStore = create<CampaignsState>()((set, get) => ({
  campaigns: [],
  loaded: false,
  error: null,
  busy: {},
  async load() {
    try {
      const { campaigns } = await api.invoke('campaigns.list', {})
      set({ campaigns, loaded: true, error: null })
    } catch (err) {
      set({ loaded: true, error: errorMessage(err) })
    }
  },
  async act(id, action) {
    set((s) => ({ busy: { ...s.busy, [id]: action }, error: null }))
    try {
      await api.invoke(`campaigns.${action}`, { id })
    } catch (err) {
      set({ error: errorMessage(err) })
    } finally {
      set((s) => ({ busy: { ...s.busy, [id]: undefined } }))
      await get().load()
    }
  },
  async save(draft, { id }) {
    const saved = id
      ? await api.invoke('campaigns.update', { id, draft })
      : await api.invoke('campaigns.create', draft)
    await get().load()
    return saved.id
  },
  launchPreview: (id) => api.invoke('campaigns.launchPreview', { id }),
  async launch(id, overrideReadiness) {
    await api.invoke('campaigns.launch', { id, overrideReadiness })
    await get().load()
  },
  get: (id) => api.invoke('campaigns.get', { id }),
  preview: (draft) => api.invoke('campaigns.preview', { draft }),
  applyProgress(p) {
    const known = get().campaigns.some((c) => c.id === p.campaignId)
    if (!known) {
      void get().load()
      return
    }
    set((s) => ({
      campaigns: s.campaigns.map((c) => {
        if (c.id !== p.campaignId) return c
        const { pausedReason: _old, ...rest } = c
        return {
          ...rest,
          status: p.status,
          ...(p.pausedReason ? { pausedReason: p.pausedReason } : {}),
          progress: {
            qualified: p.qualified,
            processed: p.processed,
            sent: p.sent,
            dispatchErrors: p.dispatchErrors,
            ratePerSecond: p.ratePerSecond,
            etaSeconds: p.etaSeconds,
            ...(p.qualifying ? { qualifying: p.qualifying } : {})
          }
        }
      })
    }))
  }
}))
