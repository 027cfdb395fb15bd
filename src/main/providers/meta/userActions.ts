import { ignored, type IgnoredItem, type MarketingActionEvent } from '../callbackItems'
import { pick, stringOrNull } from '../json'
import { epochMs, toE164 } from '../normalize'

export const CLICK_ACTION = 'marketing_messages_link_click'
/** Landing page views come on the same `user_actions` array (Meta, "Track landing page views"). */
export const LANDING_PAGE_VIEW_ACTION = 'marketing_messages_landing_page_view'

const short = (value: string | null, max = 200): string | null => value?.slice(0, max) ?? null

/**
 * Reads one item of a Meta `user_actions` array (field `messages`, Marketing Messages API):
 * `{action_type, timestamp, marketing_messages_link_click_data: {click_component, product_id,
 * click_id, tracking_token}}`; a landing page view carries the same keys under its own `…_data`.
 * The documented payload names no message and no user, so `context.id` and the user's
 * `from`/`wa_id` (item or the value's `contacts[0]`) are read when present. Never throws: an item
 * it cannot read is an ignored item with its reason.
 */
export function parseMetaUserAction(
  item: unknown,
  value: unknown
): MarketingActionEvent | IgnoredItem {
  const type = stringOrNull(pick(item, 'action_type'))
  if (type === null) return ignored('malformed_item', item)
  const action =
    type === CLICK_ACTION ? 'click' : /landing_page_view/.test(type) ? 'landing_page_view' : null
  if (action === null) return ignored('unknown_action', item, type)
  const dataKey = Object.keys(item as object).find((k) => k.endsWith('_data'))
  const data = dataKey ? pick(item, dataKey) : undefined
  const at = epochMs(pick(item, 'timestamp'))
  if (at === null) return ignored('malformed_item', item)
  const from =
    toE164(pick(item, 'from')) ??
    toE164(pick(item, 'wa_id')) ??
    toE164(pick(value, 'contacts', 0, 'wa_id'))
  return {
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
