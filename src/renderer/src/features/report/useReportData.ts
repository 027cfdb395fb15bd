import { useCallback } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import { api } from '../../lib/api'
import { useLatestAnswer } from '../../lib/useLatestAnswer'

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
  const [trend, funnel, dispatchErrors, deliveryErrors, health, cost, marketing] =
    await Promise.all([
      optional(api.invoke('stats.trend', { campaignId, granularity, timezone })),
      optional(api.invoke('stats.funnel', { campaignId })),
      optional(api.invoke('stats.errors', { campaignId, kind: 'dispatch' })),
      optional(api.invoke('stats.errors', { campaignId, kind: 'delivery' })),
      optional(api.invoke('callbacks.health', { campaignId })),
      optional(api.invoke('stats.cost', { campaignId })),
      optional(api.invoke('stats.marketing', { campaignId }))
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
    timezone,
    granularity,
    generatedAt: Date.now()
  }
}

/** The report's data, loaded once per campaign. */
export function useReportData(campaignId: string) {
  const ask = useCallback(() => loadReport(campaignId), [campaignId])
  const { data, error } = useLatestAnswer(ask)
  return { data, error }
}
