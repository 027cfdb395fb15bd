import type { IncomingHttpHeaders } from 'node:http'
import { header, type Answer } from './server'

/** One day of one template in Gupshup's template analytics, in its own shape. */
export interface FakeGupshupEntry {
  /** Gupshup's own template id (the gs template id). */
  template_id: string
  /** Unix seconds of the IST day's start (18:30 UTC the day before) and end. */
  start: number
  end: number
  sent: number
  delivered: number
  read: number
  clicked: { type: string; button_content: string; count: number }[]
}

/** What the fake app knows of its templates' analytics; tests change it as they go. */
export interface FakeGupshupAnalytics {
  /** Template analytics enabled on the app (POST …/template/analytics enable=true). */
  enabled: boolean
  entries: FakeGupshupEntry[]
  /** Calls a minute per app before 429 (issue #19 says 5; the rate-limit page 10). */
  perMinute: number
  /** Every analytics request that passed authentication, in order. */
  requests: URL[]
  /** When each request came (epoch ms), for the rate limit. */
  times: number[]
  /** The fake's clock (tests that move the engine's clock move this one too). */
  now: () => number
}

export const gupshupAnalyticsState = (): FakeGupshupAnalytics => ({
  enabled: true,
  entries: [],
  perMinute: 5,
  requests: [],
  times: [],
  now: () => Date.now()
})

const DAY_S = 86_400
const error = (status: number, message: string): Answer => ({
  status,
  body: { status: 'error', message }
})
const METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED'] as const

/**
 * Gupshup's partner template analytics as documented
 * (https://docs.gupshup.io/reference/get_partner-app-appid-template-analytics):
 * `GET /partner/app/{appId}/template/analytics` with `Authorization: <partner app token>`;
 * `start`/`end` epoch seconds (both absent: the last 30 days; start at most 90 days back → 400),
 * `granularity` DAILY or AGGREGATED (default), `metric_types` comma-separated (default all),
 * `template_ids` one gs template id ("only 1 template at a time"), `limit` entries per page
 * (default 30, at most 30, DAILY only); results in IST; 404 while analytics are not enabled; 401
 * for a bad token; 429 past the per-minute limit. No next-page parameter is documented: a DAILY
 * answer holds at most `limit` entries.
 */
export function gupshupAnalyticsRoute(
  state: FakeGupshupAnalytics,
  o: { appId: string; partnerToken: string },
  method: string,
  url: URL,
  headers: IncomingHttpHeaders
): Answer | null {
  if (method !== 'GET' || url.pathname !== `/partner/app/${o.appId}/template/analytics`) return null
  if (header(headers, 'authorization') !== o.partnerToken)
    return error(
      401,
      'Unauthorised access to the resource. Please review request parameters and headers and retry'
    )
  const now = state.now()
  state.times = state.times.filter((t) => t > now - 60_000)
  if (state.times.length >= state.perMinute) return error(429, 'Too Many Requests')
  state.times.push(now)
  state.requests.push(url)
  if (!state.enabled)
    return error(404, `Template Analytics settings for app [${o.appId}] does not exist`)
  const q = url.searchParams
  const ids = (q.get('template_ids') ?? '').split(',').filter(Boolean)
  if (ids.length !== 1)
    return error(400, 'template_ids: currently supports only 1 template at a time')
  const nowS = Math.floor(now / 1000)
  const start = q.has('start') ? Number(q.get('start')) : nowS - 30 * DAY_S
  const end = q.has('end') ? Number(q.get('end')) : nowS
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start)
    return error(400, 'Invalid start or end')
  if (start < nowS - 90 * DAY_S) return error(400, "Start time can't be older than 90 days")
  const limit = Number(q.get('limit') ?? 30)
  if (!Number.isInteger(limit) || limit < 1 || limit > 30)
    return error(400, 'limit: supported up to 30')
  const granularity = q.get('granularity') ?? 'AGGREGATED'
  if (granularity !== 'DAILY' && granularity !== 'AGGREGATED')
    return error(400, 'granularity: DAILY or AGGREGATED')
  const asked = (q.get('metric_types') ?? METRICS.join(',')).split(',')
  const days = state.entries.filter(
    (e) => e.template_id === ids[0] && e.end > start && e.start < end
  )
  const metricsOf = (e: Omit<FakeGupshupEntry, 'template_id' | 'start' | 'end'>) => ({
    ...(asked.includes('SENT') ? { sent: e.sent } : {}),
    ...(asked.includes('DELIVERED') ? { delivered: e.delivered } : {}),
    ...(asked.includes('READ') ? { read: e.read } : {}),
    ...(asked.includes('CLICKED') ? { clicked: e.clicked } : {})
  })
  const template_analytics =
    granularity === 'DAILY'
      ? days.slice(0, limit).map((e) => ({
          template_id: e.template_id,
          start: e.start,
          end: e.end,
          ...metricsOf(e)
        }))
      : [
          {
            template_id: ids[0],
            start,
            end,
            ...metricsOf({
              sent: days.reduce((n, e) => n + e.sent, 0),
              delivered: days.reduce((n, e) => n + e.delivered, 0),
              read: days.reduce((n, e) => n + e.read, 0),
              clicked: days.flatMap((e) => e.clicked)
            })
          }
        ]
  return { status: 200, body: { status: 'success', template_analytics } }
}
