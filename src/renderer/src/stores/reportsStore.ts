import { create } from 'zustand'
import type { Input, Output } from '../../../shared/ipc/contract'
import type { ReportSchedule } from '../../../shared/ipc/routes/reports'
import { api } from '../lib/api'

export interface ReportData {
  summary: Output<'stats.summary'>
  campaign: Output<'campaigns.get'> | null
  provider: Output<'providers.list'>['providers'][number] | null
  trend: Output<'stats.trend'>['buckets'] | null
  funnel: Output<'stats.funnel'>['steps'] | null
  dispatchErrors: Output<'stats.errors'>['groups'] | null
  deliveryErrors: Output<'stats.errors'>['groups'] | null
  health: Output<'callbacks.health'> | null
  cost: Output<'stats.cost'> | null
  marketing: Output<'stats.marketing'> | null
  /** The provider's own numbers beside ours. */
  reconciliation: Output<'stats.reconciliation'> | null
  timezone: string
  granularity: 'day' | 'week' | 'month'
  generatedAt: number
}

const DAY = 86_400_000

/** Days for a campaign of a few weeks, weeks up to half a year, months beyond. */
export function pickGranularity(from: number | null, to: number | null): 'day' | 'week' | 'month' {
  if (!from || !to) return 'day'
  const days = (to - from) / DAY
  return days <= 45 ? 'day' : days <= 180 ? 'week' : 'month'
}

const optional = async <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null)

/** Everything the report prints; only the summary is required, the rest is shown when it loads. */
async function loadReport(campaignId: string): Promise<ReportData> {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  const [summary, campaign, providers] = await Promise.all([
    api.invoke('stats.summary', { campaignId }),
    optional(api.invoke('campaigns.get', { id: campaignId })),
    optional(api.invoke('providers.list', {}))
  ])
  const granularity = pickGranularity(
    campaign?.launchedAt ?? campaign?.createdAt ?? null,
    campaign?.completedAt ?? Date.now()
  )
  const [trend, funnel, dispatchErrors, deliveryErrors, health, cost, marketing, reconciliation] =
    await Promise.all([
      optional(api.invoke('stats.trend', { campaignId, granularity, timezone })),
      optional(api.invoke('stats.funnel', { campaignId })),
      optional(api.invoke('stats.errors', { campaignId, kind: 'dispatch' })),
      optional(api.invoke('stats.errors', { campaignId, kind: 'delivery' })),
      optional(api.invoke('callbacks.health', { campaignId })),
      optional(api.invoke('stats.cost', { campaignId })),
      optional(api.invoke('stats.marketing', { campaignId })),
      optional(api.invoke('stats.reconciliation', { campaignId }))
    ])
  const provider = providers?.providers.find((p) => p.id === (campaign?.providerId ?? '')) ?? null
  return {
    summary,
    campaign,
    provider,
    trend: trend?.buckets ?? null,
    funnel: funnel?.steps ?? null,
    dispatchErrors: dispatchErrors?.groups ?? null,
    deliveryErrors: deliveryErrors?.groups ?? null,
    health,
    cost,
    marketing,
    reconciliation,
    timezone,
    granularity,
    generatedAt: Date.now()
  }
}

type Export = Input<'reports.export'>

interface ReportsState {
  /** Desktop saves through the native dialog; the browser downloads what the engine prepared. */
  transport: 'electron' | 'http'
  /** Everything the printable report shows; only the summary is required. */
  report(campaignId: string): Promise<ReportData>
  chooseSavePath(input: Input<'reports.chooseSavePath'>): Promise<Output<'reports.chooseSavePath'>>
  exportTo(input: Export): Promise<Output<'reports.export'>>
  prepareDownload(input: Omit<Export, 'path'>): Promise<Output<'reports.prepareDownload'>>
  schedules(campaignId: string): Promise<ReportSchedule[]>
  schedule(input: Input<'reports.schedule'>): Promise<void>
  unschedule(id: string): Promise<void>
}

/** Reports an operator takes away: the printable report, exported files and their schedules. */
export const useReportsStore = create<ReportsState>()(() => ({
  transport: api.transport,
  report: loadReport,
  chooseSavePath: (input) => api.invoke('reports.chooseSavePath', input),
  exportTo: (input) => api.invoke('reports.export', input),
  prepareDownload: (input) => api.invoke('reports.prepareDownload', input),
  schedules: async (campaignId) =>
    (await api.invoke('reports.schedules', { campaignId })).schedules,
  async schedule(input) {
    await api.invoke('reports.schedule', input)
  },
  async unschedule(id) {
    await api.invoke('reports.unschedule', { id })
  }
}))
