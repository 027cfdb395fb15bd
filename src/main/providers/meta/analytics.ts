import {
  readTemplateDay,
  type AnalyticsQuery,
  type AnalyticsResult,
  type TemplateDay
} from '../analytics'
import { pick, stringOrNull } from '../../http/json'
import { getRecord } from '../lookup'
import type { ProviderAccount } from '../providerAccounts'
import { baseUrlOf, getRequest } from '../request'
import { D360_BASE_URL, META_API_VERSION, META_BASE_URL, metaAuth } from './send'

/** Meta answers at most 10 template ids a call (providers.md §6c). */
const IDS_PER_CALL = 10
const MAX_PAGES = 100
const METRICS = '["SENT","DELIVERED","READ","CLICKED"]'

export const ENABLE_HINT =
  'Turn on template analytics for this WhatsApp Business Account: in WhatsApp Manager (Insights, ' +
  'confirm template analytics) or with POST /{waba-id}?is_enabled_for_insights=true; ' +
  'numbers start from the day it is on.'
export const REGION_HINT =
  'Meta gives no template analytics to WhatsApp Business Accounts of businesses in the European ' +
  'Union, the United Kingdom or Japan (or with a phone number of those countries).'

type Failure = Exclude<AnalyticsResult, { kind: 'ok' }>

/** Meta's refusal of an unsupported WABA names the regions; anything else is a plain error. */
function failureOf(answer: Exclude<Awaited<ReturnType<typeof getRecord>>, { kind: 'response' }>) {
  if (answer.kind === 'not_found') return { kind: 'unreachable' as const, detail: 'HTTP 404' }
  if (/european union|united kingdom|japan|not (available|supported) (for|in)/i.test(answer.detail))
    return { kind: 'unsupported' as const, detail: `${REGION_HINT} (${answer.detail})` }
  return answer
}

/** Daily buckets in UTC (Meta, "Template analytics"). */
function readPoints(json: unknown): TemplateDay[] {
  const groups = pick(json, 'data')
  if (!Array.isArray(groups)) return []
  return groups.flatMap((group) => {
    const points = pick(group, 'data_points')
    return Array.isArray(points) ? points.flatMap((p) => readTemplateDay(p) ?? []) : []
  })
}

/**
 * Meta's template analytics (also 360dialog's pass-through): first whether the WABA has them on
 * (`GET /{waba-id}?fields=is_enabled_for_insights`), then
 * `GET /{version}/{waba-id}/template_analytics?start&end&granularity=DAILY&metric_types=[…]&template_ids=[…]`
 * (≤ 10 ids a call, following `paging.next`), answering
 * `data[].data_points[] {template_id, start, end, sent, delivered, read, clicked: [{type, button_content, count}]}`.
 * Marketing Messages API sends add `product_type=MARKETING_MESSAGES_LITE_API`.
 * Docs: https://developers.facebook.com/docs/whatsapp/business-management-api/analytics
 * (template analytics; enabling: "confirm template analytics"), 360dialog's copy:
 * https://docs.360dialog.com/partner/messaging-and-calling/template-messages/template-analytics
 */
export async function fetchMetaTemplateAnalytics(
  account: ProviderAccount,
  query: AnalyticsQuery,
  signal: AbortSignal
): Promise<AnalyticsResult> {
  const config = account.config
  const auth = metaAuth(config)
  const d360 = config.authScheme === 'd360'
  const version = String(config.apiVersion ?? META_API_VERSION)
  const wabaId = stringOrNull(config.wabaId)
  let root: string
  if (d360) {
    // 360dialog answers for the number its API key names (enable: POST …?enable=true).
    root = `${baseUrlOf(config, D360_BASE_URL)}/marketing/template_analytics`
  } else {
    if (!wabaId)
      return {
        kind: 'not_enabled',
        detail:
          'Add the WhatsApp Business Account id (wabaId) to this account to read its analytics.'
      }
    const base = `${baseUrlOf(config, META_BASE_URL)}/${version}/${encodeURIComponent(wabaId)}`
    const enabled = await getRecord(
      getRequest(`${base}?fields=is_enabled_for_insights`, auth),
      signal
    )
    if (enabled.kind !== 'response') return failureOf(enabled)
    if (pick(enabled.json, 'is_enabled_for_insights') !== true)
      return { kind: 'not_enabled', detail: ENABLE_HINT }
    root = `${base}/template_analytics`
  }
  const days: TemplateDay[] = []
  for (let i = 0; i < query.templateIds.length; i += IDS_PER_CALL) {
    const ids = query.templateIds.slice(i, i + IDS_PER_CALL)
    const params = new URLSearchParams({
      start: String(Math.floor(query.from / 1000)),
      end: String(Math.ceil(query.to / 1000)),
      granularity: 'DAILY',
      metric_types: METRICS,
      template_ids: JSON.stringify(ids)
    })
    if (query.marketingMessagesApi) params.set('product_type', 'MARKETING_MESSAGES_LITE_API')
    let url: string | null = `${root}?${params}`
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const answer = await getRecord(getRequest(url, auth), signal)
      if (answer.kind !== 'response') return failureOf(answer) as Failure
      days.push(...readPoints(answer.json))
      url = stringOrNull(pick(answer.json, 'paging', 'next'))
    }
  }
  return { kind: 'ok', days }
}
