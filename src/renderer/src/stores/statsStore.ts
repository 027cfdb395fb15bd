import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import type { CallbackHealth } from '../../../shared/ipc/routes/callbacks'
import type { CampaignView } from '../../../shared/ipc/routes/campaigns'
import type { StatsSummary } from '../../../shared/ipc/routes/stats'
import { funnelSteps, operatorTimeZone, type Granularity } from '../../../shared/domain/statsView'
import { api } from '../lib/api'
import { errorMessage, ErrorCode, hasCode, isUnreachable } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'

export type ErrorKind = 'dispatch' | 'delivery'
export type TrendBuckets = Output<'stats.trend'>['buckets']
export type FunnelRows = Output<'stats.funnel'>['steps']
export type ErrorGroups = Output<'stats.errors'>['groups']
export type DrillRows = Output<'stats.errorRecipients'>['rows']
export type Section = 'summary' | 'trend' | 'funnel' | 'errors' | 'drill'
/** What one load fills: a section (its failure shown in place) or context beside them. */
type Slot = Section | 'campaign' | 'health'

export interface Drill {
  kind: ErrorKind
  code: string
  title: string
  search: string
  offset: number
  limit: number
  total: number
  /** `total` is a lower bound: a broad search stopped counting. */
  totalAtLeast: boolean
  rows: DrillRows
  loading: boolean
}

interface StatsState {
  campaignId: string | null
  campaign: CampaignView | null
  summary: StatsSummary | null
  health: CallbackHealth | null
  granularity: Granularity
  timezone: string
  trend: TrendBuckets | null
  funnelToggles: { delivered: boolean; viewed: boolean; clicked: boolean }
  funnel: FunnelRows | null
  errors: Record<ErrorKind, ErrorGroups | null>
  tab: 'overview' | 'errors'
  drill: Drill | null
  failures: Partial<Record<Section, string>>
  /** Since when the engine has not answered (null while it does): numbers then are not shown. */
  unreachableSince: number | null
  /** When the last full refresh started (epoch ms): live updates are throttled against it. */
  refreshedAt: number
  open(campaignId: string): void
  refresh(): Promise<void>
  /** Leaves the stats view: answers still on their way are dropped, no live refresh stays armed. */
  close(): void
  onStatsChanged(campaignId: string): void
  setGranularity(granularity: Granularity): void
  toggleFunnelStep(step: 'delivered' | 'viewed' | 'clicked'): void
  setTab(tab: 'overview' | 'errors'): void
  openDrill(kind: ErrorKind, code: string, title: string): void
  closeDrill(): void
  setDrillSearch(search: string): void
  setDrillOffset(offset: number): void
}

/** Live refreshes are at most this often, so a burst of callbacks costs one reload per second. */
export const LIVE_REFRESH_MS = 1000

/** The engine is still counting this campaign's statistics (the answer says how far it got). */
const isCounting = (err: unknown): boolean =>
  hasCode(err, ErrorCode.unavailable) &&
  typeof (err.details as { rebuilding?: unknown } | undefined)?.rebuilding === 'number'

export const useStatsStore = create<StatsState>()((set, get) => {
  // The one pending live refresh, owned by this store and cancelled when the campaign changes.
  let liveTimer: ReturnType<typeof setTimeout> | null = null
  function cancelLive(): void {
    if (liveTimer) clearTimeout(liveTimer)
    liveTimer = null
  }

  // A live refresh can be overtaken by the one after it (see latestAnswers): per slot.
  const answers = latestAnswers<Slot>()

  /** Runs a fetch for the open campaign and drops its answer if the operator moved on. */
  async function load<T>(
    slot: Slot,
    fetch: (campaignId: string) => Promise<T>,
    apply: (value: T) => Partial<StatsState>,
    stillWanted: () => boolean = () => true
  ): Promise<void> {
    const id = get().campaignId
    if (!id) return
    const section = slot === 'campaign' || slot === 'health' ? null : slot
    const fresh = answers.ask(slot, () => get().campaignId === id && stillWanted())
    try {
      const value = await fetch(id)
      if (!fresh()) return
      set((s) => ({
        ...apply(value),
        failures: section ? { ...s.failures, [section]: undefined } : s.failures,
        unreachableSince: null
      }))
    } catch (err) {
      if (!fresh()) return
      if (isUnreachable(err)) {
        // Ask again within a second (the live throttle) until the engine answers.
        set((s) => ({ unreachableSince: s.unreachableSince ?? Date.now() }))
        get().onStatsChanged(id)
      }
      if (!section) return
      set((s) => ({ failures: { ...s.failures, [section]: errorMessage(err) } }))
    }
  }

  const loadTrend = (): Promise<void> => {
    const { granularity, timezone } = get()
    return load(
      'trend',
      (campaignId) => api.invoke('stats.trend', { campaignId, granularity, timezone }),
      (r) => ({ trend: r.buckets }),
      () => get().granularity === granularity
    )
  }
  const loadFunnel = (): Promise<void> => {
    const toggles = get().funnelToggles
    return load(
      'funnel',
      (campaignId) => api.invoke('stats.funnel', { campaignId, steps: funnelSteps(toggles) }),
      (r) => ({ funnel: r.steps }),
      () => get().funnelToggles === toggles
    )
  }
  const loadErrors = (): Promise<void> =>
    load(
      'errors',
      async (campaignId) => {
        const [dispatch, delivery] = await Promise.all([
          api.invoke('stats.errors', { campaignId, kind: 'dispatch' }),
          api.invoke('stats.errors', { campaignId, kind: 'delivery' })
        ])
        return { dispatch: dispatch.groups, delivery: delivery.groups }
      },
      (errors) => ({ errors })
    )
  const loadDrill = (): Promise<void> => {
    const drill = get().drill
    if (!drill) return Promise.resolve()
    set({ drill: { ...drill, loading: true } })
    const { kind, code, search, offset, limit } = drill
    const same = (): boolean => {
      const now = get().drill
      return (
        now?.kind === kind && now.code === code && now.search === search && now.offset === offset
      )
    }
    const loaded = load(
      'drill',
      (campaignId) =>
        api.invoke('stats.errorRecipients', {
          campaignId,
          kind,
          code,
          search: search || undefined,
          offset,
          limit
        }),
      (r) => ({
        drill: {
          ...get().drill!,
          total: r.total,
          totalAtLeast: r.totalAtLeast === true,
          rows: r.rows,
          loading: false
        }
      }),
      same
    )
    // A failed page still ends loading, so the error shows instead of a spinner.
    return loaded.then(() => {
      const now = get().drill
      if (now?.loading && same()) set({ drill: { ...now, loading: false } })
    })
  }

  return {
    campaignId: null,
    campaign: null,
    summary: null,
    health: null,
    granularity: 'day',
    timezone: operatorTimeZone(),
    trend: null,
    funnelToggles: { delivered: true, viewed: true, clicked: true },
    funnel: null,
    errors: { dispatch: null, delivery: null },
    tab: 'overview',
    drill: null,
    failures: {},
    unreachableSince: null,
    refreshedAt: 0,

    open(campaignId) {
      if (get().campaignId !== campaignId) {
        cancelLive()
        set({
          campaignId,
          campaign: null,
          summary: null,
          health: null,
          trend: null,
          funnel: null,
          errors: { dispatch: null, delivery: null },
          tab: 'overview',
          drill: null,
          failures: {},
          unreachableSince: null
        })
      }
      void get().refresh()
    },

    async refresh() {
      set({ refreshedAt: Date.now() })
      // The engine answers in arrival order, so the cards' summary is asked for first. Then
      // only the open tab's data: a live campaign refreshes every second, and each query costs
      // the engine time at a million recipients.
      const summary = load(
        'summary',
        async (campaignId) => {
          try {
            return await api.invoke('stats.summary', { campaignId })
          } catch (err) {
            // Still counting: ask again within a second (the live throttle), so the share done
            // moves on screen instead of standing at its first value until the count is over.
            if (isCounting(err)) get().onStatsChanged(campaignId)
            throw err
          }
        },
        (value) => ({ summary: value })
      )
      const campaign = load(
        'campaign',
        (id) => api.invoke('campaigns.get', { id }),
        (value) => ({ campaign: value })
      )
      const tabLoads =
        get().tab === 'errors'
          ? [loadErrors(), loadDrill()]
          : [
              loadFunnel(),
              loadTrend(),
              // Callback health is context: the numbers stand without it.
              load(
                'health',
                (campaignId) => api.invoke('callbacks.health', { campaignId }),
                (health) => ({ health })
              )
            ]
      await Promise.all([summary, campaign, ...tabLoads])
    },

    close() {
      cancelLive()
      set({ campaignId: null })
    },

    onStatsChanged(campaignId) {
      if (campaignId !== get().campaignId || liveTimer) return
      const wait = Math.max(0, get().refreshedAt + LIVE_REFRESH_MS - Date.now())
      liveTimer = setTimeout(() => {
        liveTimer = null
        void get().refresh()
      }, wait)
    },

    setGranularity(granularity) {
      set({ granularity })
      void loadTrend()
    },
    toggleFunnelStep(step) {
      const toggles = get().funnelToggles
      set({ funnelToggles: { ...toggles, [step]: !toggles[step] } })
      void loadFunnel()
    },
    setTab(tab) {
      if (tab === get().tab) return
      set({ tab })
      void get().refresh()
    },
    openDrill(kind, code, title) {
      set({
        drill: {
          kind,
          code,
          title,
          search: '',
          offset: 0,
          limit: 50,
          total: 0,
          totalAtLeast: false,
          rows: [],
          loading: true
        }
      })
      void loadDrill()
    },
    closeDrill() {
      set({ drill: null })
    },
    setDrillSearch(search) {
      const drill = get().drill
      if (!drill || drill.search === search) return
      set({ drill: { ...drill, search, offset: 0 } })
      void loadDrill()
    },
    setDrillOffset(offset) {
      const drill = get().drill
      if (!drill) return
      set({ drill: { ...drill, offset } })
      void loadDrill()
    }
  }
})
