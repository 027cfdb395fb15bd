import type { TemplateDay } from '../../shared/domain/templateAnalytics'

export type { TemplateDay }

export interface AnalyticsQuery {
  /** The provider's template ids (Meta: at most 10 a call; Gupshup: one). */
  templateIds: string[]
  /** Epoch ms; buckets are whole days. */
  from: number
  to: number
  /** Sent through Meta's Marketing Messages API: its analytics need `product_type`. */
  marketingMessagesApi: boolean
}

/**
 * What a fetch of template analytics gives: the days, or why not. `not_enabled` and
 * `unsupported` (WABAs of EU, UK and Japanese businesses) carry what the operator can do.
 */
export type AnalyticsResult =
  | { kind: 'ok'; days: TemplateDay[] }
  | {
      kind: 'not_enabled' | 'unsupported' | 'refused' | 'unreachable' | 'rate_limited'
      detail: string
    }

/** `YYYY-MM-DD` of an instant shifted by a zone offset (UTC: 0; IST: +5:30). */
export function dayOf(at: number, offsetMs = 0): string {
  return new Date(at + offsetMs).toISOString().slice(0, 10)
}

/** Sums Meta-shaped `clicked: [{type, button_content, count}]` into all and URL-button clicks. */
export function readClicks(value: unknown): Pick<TemplateDay, 'clicked' | 'urlClicked' | 'clicks'> {
  if (!Array.isArray(value)) return { clicked: null, urlClicked: null, clicks: [] }
  const clicks = value.flatMap((c: unknown) => {
    const item = c as { type?: unknown; button_content?: unknown; count?: unknown }
    const count = Number(item?.count)
    if (!Number.isFinite(count)) return []
    return [
      {
        type: typeof item.type === 'string' ? item.type : 'unknown',
        buttonContent: typeof item.button_content === 'string' ? item.button_content : null,
        count
      }
    ]
  })
  const sum = (list: typeof clicks) => list.reduce((n, c) => n + c.count, 0)
  return {
    clicked: sum(clicks),
    urlClicked: sum(clicks.filter((c) => c.type === 'url_button')),
    clicks
  }
}

export const countOrNull = (value: unknown): number | null => {
  const n = Number(value)
  return value === null || value === undefined || !Number.isFinite(n) ? null : n
}
