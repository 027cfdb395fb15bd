import { ignored, type IgnoredItem, type MarketingActionEvent } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import { epochMs, toE164 } from '../normalize'

export const CLICK_ACTION = 'marketing_messages_link_click'
/** Landing page views come on the same `user_actions` array (Meta, "Track landing page views"). */
export const LANDING_PAGE_VIEW_ACTION = 'landing_page_view'
/** Both actions keep their data under this one key (providers.md §6c). */
const DATA_KEY = 'marketing_messages_link_click_data'

const short = (value: string | null, max = 200): string | null => value?.slice(0, max) ?? null

/**
 * Reads one item of a Meta `user_actions` array (field `messages`, Marketing Messages API), as
 * documented (Meta "Tracking click events" and "Track landing page views"; corpus m29, m30):
 * `{action_type, timestamp, marketing_messages_link_click_data: {click_component, product_id,
 * click_id, tracking_token}}`; a landing page view (`landing_page_view`) has only `click_id` and
 * `tracking_token` under the same key. The change names neither the user nor the message: only
 * the business number (`metadata`). Nothing here guesses a user. Never throws: an item it cannot
 * read is an ignored item with its reason.
 */
export function parseMetaUserAction(
  item: unknown,
  value: unknown
): MarketingActionEvent | IgnoredItem {
  const type = stringOrNull(pick(item, 'action_type'))
  if (type === null) return ignored('malformed_item', item)
  const action =
    type === CLICK_ACTION ? 'click' : type === LANDING_PAGE_VIEW_ACTION ? 'landing_page_view' : null
  if (action === null) return ignored('unknown_action', item, type)
  // Older drafts put a view's data under its own `…_data` key: read whichever is there.
  const dataKey =
    pick(item, DATA_KEY) !== undefined
      ? DATA_KEY
      : Object.keys(item as object).find((k) => k.endsWith('_data'))
  const data = dataKey ? pick(item, dataKey) : undefined
  const at = epochMs(pick(item, 'timestamp'))
  if (at === null) return ignored('malformed_item', item)
  return {
    kind: 'marketing_action',
    action,
    clickId: short(stringOrNull(pick(data, 'click_id'))),
    trackingToken: short(stringOrNull(pick(data, 'tracking_token'))),
    component: short(stringOrNull(pick(data, 'click_component')), 20),
    productId: short(stringOrNull(pick(data, 'product_id'))),
    businessPhone:
      toE164(pick(value, 'metadata', 'display_phone_number')) ??
      short(stringOrNull(pick(value, 'metadata', 'phone_number_id')), 40),
    at
  }
}
