import {
  readTemplateDay,
  type AnalyticsQuery,
  type AnalyticsResult,
  type TemplateDay
} from '../analytics'
import type { CallBudget, RateLimit } from '../callBudget'
import { pick, stringOrNull } from '../../http/json'
import { getRecord } from '../lookup'
import type { ProviderAccount } from '../providerAccounts'
import { baseUrlOf, getRequest } from '../request'
import { GUPSHUP_PARTNER_BASE_URL } from './send'

const DAY = 24 * 3600_000
/** Gupshup's analytics come "in IST" (UTC+5:30, no daylight saving): its days start at 18:30 UTC. */
export const IST_OFFSET_MS = 5.5 * 3600_000
export const IST_ZONE = 'Asia/Kolkata'
/**
 * 5 calls a minute per app, as issue #19 and providers.md §6c say; Gupshup's partner rate-limit
 * page lists 10 per 60 s per appId for this path (https://partner-docs.gupshup.io/docs/partner-rate-limits):
 * the stricter is kept.
 */
export const GUPSHUP_ANALYTICS_LIMIT: RateLimit = { calls: 5, perMs: 60_000 }
/**
 * `limit` is "no. of permitted entries in response per page", at most 30 (DAILY), and no way to
 * ask for the next page is documented: each call asks for a window whose IST days fit one page
 * (29 days span at most 30 IST days).
 */
const PAGE_LIMIT = 30
const WINDOW_MS = 29 * DAY
const LOOK_BACK_MS = 90 * DAY

export const GUPSHUP_ENABLE_HINT =
  'Turn on template analytics for this Gupshup app: in the partner portal, or with ' +
  'POST /partner/app/{appId}/template/analytics (enable=true); numbers start from the day it is on.'

/** Entries share Meta's data point shape; their days are IST dates. */
function readEntries(json: unknown): TemplateDay[] {
  const entries = pick(json, 'template_analytics')
  if (!Array.isArray(entries)) return []
  return entries.flatMap((e) => readTemplateDay(e, IST_OFFSET_MS) ?? [])
}

/**
 * Gupshup's partner template analytics, one template a call:
 * `GET /partner/app/{appId}/template/analytics?start&end&granularity=DAILY&metric_types=SENT,DELIVERED,READ,CLICKED&template_ids=<gs id>&limit=30`
 * with `Authorization: <partner app token>`, answering
 * `{status: "success", template_analytics: [{template_id, start, end, sent, delivered, read, clicked: [{type, button_content, count}]}]}`,
 * results in IST; 404 "Template Analytics settings for app … does not exist" until it is enabled
 * (POST on the same path, enable=true); start at most 90 days back.
 * Docs: https://docs.gupshup.io/reference/get_partner-app-appid-template-analytics and
 * https://partner-docs.gupshup.io/reference/get_partner-app-appid-template-analytics (enable:
 * https://partner-docs.gupshup.io/reference/post_partner-app-appid-template-analytics).
 */
export async function fetchGupshupTemplateAnalytics(
  account: ProviderAccount,
  query: AnalyticsQuery,
  signal: AbortSignal,
  budget: CallBudget
): Promise<AnalyticsResult> {
  const config = account.config
  const appId = stringOrNull(config.appId)
  const token = stringOrNull(config.partnerToken)
  if (!appId || !token)
    return {
      kind: 'not_enabled',
      detail:
        'Add the Gupshup app id and a partner app token to this account to read its template analytics.'
    }
  // "Start time can't be older than 90 days" (400): keep an hour clear of the edge.
  const earliest = query.now - LOOK_BACK_MS + 3600_000
  const windows: [number, number][] = []
  for (let from = Math.max(query.from, earliest); from < query.to; from += WINDOW_MS)
    windows.push([from, Math.min(query.to, from + WINDOW_MS)])
  const calls = windows.length * query.templateIds.length
  const wait = budget.take(calls)
  if (wait > 0)
    return {
      kind: 'rate_limited',
      detail: `Gupshup allows ${GUPSHUP_ANALYTICS_LIMIT.calls} template analytics calls a minute per app; fetched again in ${Math.ceil(wait / 1000)} s or at the next pass.`
    }
  const root = `${baseUrlOf(config, GUPSHUP_PARTNER_BASE_URL)}/partner/app/${encodeURIComponent(appId)}/template/analytics`
  const days: TemplateDay[] = []
  for (const templateId of query.templateIds)
    for (const [from, to] of windows) {
      const params = new URLSearchParams({
        start: String(Math.floor(from / 1000)),
        end: String(Math.ceil(to / 1000)),
        granularity: 'DAILY',
        metric_types: 'SENT,DELIVERED,READ,CLICKED',
        template_ids: templateId,
        limit: String(PAGE_LIMIT)
      })
      const answer = await getRecord(
        getRequest(`${root}?${params}`, { authorization: token }),
        signal
      )
      if (answer.kind === 'not_found') return { kind: 'not_enabled', detail: GUPSHUP_ENABLE_HINT }
      if (answer.kind !== 'response')
        return answer.kind === 'unreachable' && /^HTTP 4/.test(answer.detail)
          ? { kind: 'refused', detail: answer.detail }
          : answer
      if (pick(answer.json, 'status') === 'error')
        return {
          kind: 'refused',
          detail: `Gupshup: ${stringOrNull(pick(answer.json, 'message')) ?? 'error'}`
        }
      days.push(...readEntries(answer.json))
    }
  return { kind: 'ok', days }
}
