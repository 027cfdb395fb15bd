import type { TemplateDay } from '../../shared/domain/templateAnalytics'
import { pick, stringOrNull } from '../http/json'

export type { TemplateDay }

export interface AnalyticsQuery {
  /** The provider's template ids (Meta: at most 10 a call; Gupshup: one). */
  templateIds: string[]
  /** Epoch ms; buckets are whole days. */
  from: number
  to: number
  /** Sent through Meta's Marketing Messages API: its analytics need `product_type`. */
  marketingMessagesApi: boolean
  /** The engine's now: a provider's look-back limit is counted back from it. */
  now: number
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

/**
 * One day of one template in the shape Meta's data points and Gupshup's entries share:
 * `{template_id, start, end (unix seconds), sent, delivered, read, clicked: [...]}`. The day is
 * the bucket's date in the provider's zone (`offsetMs` ahead of UTC). Null without id or times.
 */
export function readTemplateDay(point: unknown, offsetMs = 0): TemplateDay | null {
  const templateId = stringOrNull(pick(point, 'template_id'))
  const start = countOrNull(pick(point, 'start'))
  const end = countOrNull(pick(point, 'end'))
  if (!templateId || start === null || end === null) return null
  return {
    templateId,
    day: dayOf(start * 1000, offsetMs),
    startsAt: start * 1000,
    endsAt: end * 1000,
    sent: countOrNull(pick(point, 'sent')),
    delivered: countOrNull(pick(point, 'delivered')),
    read: countOrNull(pick(point, 'read')),
    ...readClicks(pick(point, 'clicked'))
  }
}
