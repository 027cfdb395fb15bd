import { create } from 'zustand'
import type { Events, Input, Output } from '../../../shared/ipc/contract'
import type {
  CampaignDraft,
  CampaignStatus,
  CampaignView
} from '../../../shared/ipc/routes/campaigns'
import { api } from '../lib/api'
import { errorMessage } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'

/** What a list row can do at once; launching goes through the confirmation (LaunchDialog). */
export type Action = 'pause' | 'resume' | 'cancel' | 'duplicate' | 'delete'

/** The campaign list page: one page of the campaigns its search and status filter match. */
export interface ListPage {
  rows: CampaignView[]
  total: number
  search: string
  statuses: CampaignStatus[]
  offset: number
  loaded: boolean
  error: string | null
}

export const LIST_PAGE_SIZE = 50

interface CampaignsState {
  /** Every campaign (Compare's picker); the list page reads `list`. */
  campaigns: CampaignView[]
  list: ListPage
  loadList(): Promise<void>
  /** A new search or status filter starts at the first page; a new offset keeps the filter. */
  filterList(patch: Partial<Pick<ListPage, 'search' | 'statuses' | 'offset'>>): void
  loaded: boolean
  error: string | null
  /** Campaign id → action in progress, so its buttons disable while it runs. */
  busy: Record<string, Action | undefined>
  load(): Promise<void>
  act(id: string, action: Action): Promise<void>
  /**
   * Creates a draft, or updates the one `id` names from the `version` it was loaded at (someone
   * else's save since is refused with a conflict naming them); returns its id and new version.
   * Launching is the confirmation's.
   */
  save(draft: CampaignDraft, edit: DraftEditOf | null): Promise<DraftEditOf>
  /** What the launch confirmation shows: audience, template, cost, duration, readiness. */
  launchPreview(id: string): Promise<Output<'campaigns.launchPreview'>>
  /** Launches a confirmed draft (`overrideReadiness`: the operator's recorded override). */
  launch(id: string, overrideReadiness: boolean): Promise<void>
  /** One campaign with its stored draft (Compose edits it). */
  get(id: string): Promise<Output<'campaigns.get'>>
  /** The engine's check of a draft being edited: counts, sample message, blocking problems. */
  preview(draft: Input<'campaigns.preview'>['draft']): Promise<Output<'campaigns.preview'>>
  applyProgress(p: Events['campaign.progress']): void
  /**
   * A campaign's numbers changed (`stats.changed`): when it is on the list page, the page is read
   * again, at most once per LIST_REFRESH_MS whatever the number of campaigns or callbacks.
   */
  onStatsChanged(campaignId: string): void
}

/** The list page's live rates refresh at most this often (one request for the whole page). */
export const LIST_REFRESH_MS = 1000

/** A saved draft: its id and the version an edit of it starts from. */
export interface DraftEditOf {
  id: string
  version: number
}

/** Campaign list with live progress pushed by `campaign.progress` events. */
export const useCampaignsStore = create<CampaignsState>()((set, get) => {
  /** After a change: the full list, and the list page when it was opened. */
  const reloadShown = async (): Promise<void> => {
    await Promise.all([get().load(), get().list.loaded ? get().loadList() : null])
  }
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  // A live re-read can be overtaken by the one after it, a search by the next keystroke's (see
  // latestAnswers): the list page and the full list are a slot each.
  const answers = latestAnswers<'list' | 'all'>()
  return {
    onStatsChanged(campaignId) {
      const { list } = get()
      if (!list.loaded || refreshTimer || !list.rows.some((c) => c.id === campaignId)) return
      // Trailing: every change within the window is in the one read at its end.
      refreshTimer = setTimeout(() => {
        refreshTimer = null
        void get().loadList()
      }, LIST_REFRESH_MS)
    },
    campaigns: [],
    loaded: false,
    error: null,
    busy: {},
    list: {
      rows: [],
      total: 0,
      search: '',
      statuses: [],
      offset: 0,
      loaded: false,
      error: null
    },
    async loadList() {
      const { search, statuses, offset } = get().list
      // An answer to a filter changed meanwhile is dropped: the newer one is on its way.
      const fresh = answers.ask('list', () => {
        const now = get().list
        return now.search === search && now.statuses === statuses && now.offset === offset
      })
      try {
        const page = await api.invoke('campaigns.list', {
          ...(search.trim() ? { search: search.trim() } : {}),
          ...(statuses.length ? { statuses } : {}),
          offset,
          limit: LIST_PAGE_SIZE
        })
        if (!fresh()) return
        set((s) => ({
          list: { ...s.list, rows: page.campaigns, total: page.total, loaded: true, error: null }
        }))
      } catch (err) {
        if (fresh()) set((s) => ({ list: { ...s.list, loaded: true, error: errorMessage(err) } }))
      }
    },
    filterList(patch) {
      set((s) => ({ list: { ...s.list, ...patch, offset: patch.offset ?? 0 } }))
      void get().loadList()
    },
    async load() {
      // Read again after every action and for each new campaign's first progress.
      const fresh = answers.ask('all')
      try {
        const { campaigns } = await api.invoke('campaigns.list', {})
        if (fresh()) set({ campaigns, loaded: true, error: null })
      } catch (err) {
        if (fresh()) set({ loaded: true, error: errorMessage(err) })
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
        await reloadShown()
      }
    },
    async save(draft, edit) {
      const saved = edit
        ? await api.invoke('campaigns.update', { ...edit, draft })
        : { ...(await api.invoke('campaigns.create', draft)), version: 1 }
      await reloadShown()
      return saved
    },
    launchPreview: (id) => api.invoke('campaigns.launchPreview', { id }),
    async launch(id, overrideReadiness) {
      await api.invoke('campaigns.launch', { id, overrideReadiness })
      await reloadShown()
    },
    get: (id) => api.invoke('campaigns.get', { id }),
    preview: (draft) => api.invoke('campaigns.preview', { draft }),
    applyProgress(p) {
      const { campaigns, loaded, list } = get()
      const known = (rows: CampaignView[]) => rows.some((c) => c.id === p.campaignId)
      // A campaign not shown yet (just created): the full list reloads if it was loaded, the
      // list page if it is the unfiltered first page, where a new campaign appears.
      if (loaded && !known(campaigns)) void get().load()
      const firstPage = list.offset === 0 && !list.search.trim() && list.statuses.length === 0
      if (list.loaded && firstPage && !known(list.rows)) void get().loadList()
      const apply = (c: CampaignView): CampaignView => {
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
      }
      set((s) => ({
        campaigns: s.campaigns.map(apply),
        list: { ...s.list, rows: s.list.rows.map(apply) }
      }))
    }
  }
})
