import type { IncomingHttpHeaders } from 'node:http'
import type { Answer } from './server'

/** One data point of Meta's template analytics, in Meta's own shape. */
export interface FakeDataPoint {
  template_id: string
  /** Unix seconds of the UTC day's start and end. */
  start: number
  end: number
  sent: number
  delivered: number
  read: number
  clicked: { type: 'url_button' | 'quick_reply_button'; button_content: string; count: number }[]
}

/** What the fake WABA knows of its templates' analytics; tests change it as they go. */
export interface FakeAnalyticsState {
  /** `is_enabled_for_insights`: template analytics confirmed on the WABA. */
  enabled: boolean
  /** A WABA of an EU, UK or Japanese business: Meta gives it no template analytics. */
  unsupportedRegion: boolean
  points: FakeDataPoint[]
  /** Data points per page (Meta pages with `paging.cursors` / `paging.next`). */
  pageSize: number
  /** Every analytics request, for tests that check ids per call and `product_type`. */
  requests: URL[]
}

export function analyticsState(): FakeAnalyticsState {
  return { enabled: true, unsupportedRegion: false, points: [], pageSize: 2, requests: [] }
}

/** `[1,2]`, `["1","2"]` or `1,2` (Meta accepts the array forms; the doc examples use brackets). */
function list(value: string | null): string[] {
  if (!value) return []
  return value
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((v) => v.trim().replace(/^"|"$/g, ''))
    .filter(Boolean)
}

/**
 * Meta's template analytics for one WABA
 * (https://developers.facebook.com/docs/whatsapp/business-management-api/analytics, "Template
 * analytics"): `GET /{version}/{waba-id}?fields=is_enabled_for_insights` and
 * `GET /{version}/{waba-id}/template_analytics?start&end&granularity=DAILY&metric_types&template_ids`
 * (≤ 10 ids, paged), answering `{data: [{granularity, data_points}], paging}`. Not confirmed in
 * Meta's pages: the exact error of a WABA without analytics on, or of an unsupported region; the
 * fake answers a Graph error naming the reason.
 */
export function metaAnalyticsRoute(
  state: FakeAnalyticsState,
  wabaId: string,
  url: URL,
  headers: IncomingHttpHeaders,
  graphError: (status: number, code?: number, message?: string) => Answer
): Answer | null {
  const [, version, waba, edge] = url.pathname.split('/')
  if (!/^v\d+\.\d+$/.test(version ?? '') || waba !== wabaId) return null
  if (edge === undefined && url.searchParams.get('fields') === 'is_enabled_for_insights')
    return { status: 200, body: { is_enabled_for_insights: state.enabled, id: wabaId } }
  if (edge !== 'template_analytics') return null
  state.requests.push(url)
  if (state.unsupportedRegion)
    return graphError(
      400,
      100,
      'Template analytics are not available for WhatsApp Business Accounts of businesses in the European Union, United Kingdom or Japan'
    )
  if (!state.enabled)
    return graphError(
      400,
      100,
      'Template analytics must be confirmed for this WhatsApp Business Account'
    )
  const start = Number(url.searchParams.get('start'))
  const end = Number(url.searchParams.get('end'))
  const ids = list(url.searchParams.get('template_ids'))
  if (url.searchParams.get('granularity') !== 'DAILY' || !Number.isFinite(start) || !end)
    return graphError(400, 100, '(#100) start, end and granularity=DAILY are required')
  if (ids.length === 0 || ids.length > 10)
    return graphError(400, 100, '(#100) template_ids must name between 1 and 10 templates')
  const points = state.points.filter(
    (p) => ids.includes(p.template_id) && p.start >= start - 86_399 && p.start < end
  )
  const after = Number(url.searchParams.get('after') ?? 0)
  const data_points = points.slice(after, after + state.pageSize)
  const next = after + data_points.length
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url')
  const paging: Record<string, unknown> = {
    cursors: { before: cursor(after), after: cursor(next) }
  }
  if (next < points.length) {
    const host = headers.host ?? '127.0.0.1'
    const nextUrl = new URL(url.pathname + url.search, `http://${host}`)
    nextUrl.searchParams.set('after', String(next))
    paging.next = nextUrl.toString()
  }
  return { status: 200, body: { data: [{ granularity: 'DAILY', data_points }], paging } }
}
