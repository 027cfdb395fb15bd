import { pick, stringOrNull } from '../providers/http'
import { epochMs, toE164 } from '../providers/normalize'

/** A click on a Marketing Messages API message, or a landing page opened from one of its links. */
export interface MarketingActionEvent {
  kind: 'marketing_action'
  action: 'click' | 'landing_page_view'
  clickId: string | null
  trackingToken: string | null
  /** `cta` | `body` for clicks. */
  component: string | null
  productId: string | null
  /** The message the action belongs to, when the webhook names it (`context.id`). */
  quotedProviderMessageId: string | null
  /** The user, when the webhook names them (phone in E.164). */
  from: string | null
  at: number
}

export const CLICK_ACTION = 'marketing_messages_link_click'
/** Landing page views come on the same `user_actions` array (Meta, "Track landing page views"). */
export const LANDING_PAGE_VIEW_ACTION = 'marketing_messages_landing_page_view'

export type UserActionResult =
  { ok: true; event: MarketingActionEvent } | { ok: false; reason: string }

const short = (value: string | null, max = 200): string | null => value?.slice(0, max) ?? null

/**
 * Reads one item of a Meta `user_actions` array (field `messages`, Marketing Messages API):
 * `{action_type, timestamp, marketing_messages_link_click_data: {click_component, product_id,
 * click_id, tracking_token}}`; a landing page view carries the same keys under its own `…_data`.
 * The documented payload names no message and no user, so `context.id` and the user's
 * `from`/`wa_id` (item or the value's `contacts[0]`) are read when present. Never throws: an item
 * it cannot read comes back with the reason to count it under.
 */
export function parseMetaUserAction(item: unknown, value: unknown): UserActionResult {
  const type = stringOrNull(pick(item, 'action_type'))
  if (type === null) return { ok: false, reason: 'malformed_item' }
  const action =
    type === CLICK_ACTION ? 'click' : /landing_page_view/.test(type) ? 'landing_page_view' : null
  if (action === null) return { ok: false, reason: `unknown_action:${type.slice(0, 60)}` }
  const dataKey = Object.keys(item as object).find((k) => k.endsWith('_data'))
  const data = dataKey ? pick(item, dataKey) : undefined
  const at = epochMs(pick(item, 'timestamp'))
  if (at === null) return { ok: false, reason: 'malformed_item' }
  const from =
    toE164(pick(item, 'from')) ??
    toE164(pick(item, 'wa_id')) ??
    toE164(pick(value, 'contacts', 0, 'wa_id'))
  return {
    ok: true,
    event: {
      kind: 'marketing_action',
      action,
      clickId: short(stringOrNull(pick(data, 'click_id'))),
      trackingToken: short(stringOrNull(pick(data, 'tracking_token'))),
      component: short(stringOrNull(pick(data, 'click_component')), 20),
      productId: short(stringOrNull(pick(data, 'product_id'))),
      quotedProviderMessageId: short(
        stringOrNull(pick(item, 'context', 'id')) ?? stringOrNull(pick(data, 'context', 'id')),
        300
      ),
      from,
      at
    }
  }
}
