import type { DeliveryStatus } from '../../shared/domain/dispatch'
import type { MarketingAction } from '../../shared/domain/marketingAction'
import type { ReportedPricing } from '../../shared/domain/reportedPricing'

/**
 * The normalised items a provider callback is flattened into. Parsers produce them, the inbox
 * stores them (JSON), the processor applies each through the applier registered for its `kind`
 * (`callbacks/applyItems.ts`). To add a kind: add its interface to `CallbackEvent` below and an
 * applier to the registry; the mapped type there makes a missing applier a type error.
 *
 * Fields added after release are optional, so items stored by an older build still apply.
 */

/**
 * Everything a webhook shows about who the user is. Since 2026 Meta may identify a user by a
 * business-scoped user id (BSUID, `CC.digits`) and no phone at all (spec §4).
 */
export interface UserRef {
  /** E.164, only when the provider showed a real phone number. */
  phone: string | null
  /** BSUID (Meta `user_id`, Gupshup `userId`, Twilio `whatsapp:US.…`). */
  userId: string | null
  parentUserId: string | null
  username: string | null
}

/** A normalised delivery-status report. */
export interface StatusEvent {
  kind: 'status'
  providerMessageId: string | null
  /** Our id echoed back (Meta biz_opaque_callback_data, Infobip callbackData, Twilio query param). */
  ourId: string | null
  status: DeliveryStatus
  /** The provider's timestamp, epoch ms (never the arrival time). */
  at: number
  /** Recipient phone in E.164 (null when the provider showed none). */
  recipient: string | null
  /** Identifiers of the recipient beyond the phone (BSUID, username), when shown. */
  user?: UserRef
  errorCode?: string
  errorTitle?: string
  errorDetail?: string
  /** What the provider reported about the message's price (Meta `pricing` + `conversation`). */
  pricing?: ReportedPricing
}

/**
 * A click on a Marketing Messages API message (`user_actions`, `marketing_messages_link_click`),
 * or a landing page opened from one of its links (`landing_page_view`); applied by
 * pricing/marketingActions. The webhook names no user and no message, only the business number.
 */
export interface MarketingActionEvent {
  kind: 'marketing_action'
  action: MarketingAction
  clickId: string | null
  trackingToken: string | null
  /** `cta` | `body` for clicks. */
  component: string | null
  productId: string | null
  /** The business phone number the action came through (`metadata`), E.164 or its number id. */
  businessPhone?: string | null
  /** Read by builds before the documented shape; never used to attribute (items stored then). */
  quotedProviderMessageId?: string | null
  from?: string | null
  at: number
}

/** A normalised inbound message (a reply or a stranger's message). */
export interface InboundEvent {
  kind: 'inbound'
  providerMessageId: string
  /** Sender in E.164; null for a username-only user who shows just a BSUID. */
  from: string | null
  /** Identifiers of the sender beyond the phone (BSUID, username), when shown. */
  user?: UserRef
  at: number
  text: string | null
  /** The campaign message it quotes (Meta context.id, Twilio OriginalRepliedMessageSid, …). */
  quotedProviderMessageId: string | null
}

/**
 * A reaction to a message (Meta `type: reaction`): not a reply. An empty emoji removes it, which
 * is not another event (spec §4).
 */
export interface ReactionEvent {
  kind: 'reaction'
  /** The reaction's own id (deduplication). */
  providerMessageId: string
  from: string | null
  user?: UserRef
  at: number
  /** The message reacted to (`reaction.message_id`). */
  reactedProviderMessageId: string
  emoji: string
}

/** A marketing-messages preference change (Meta `user_preferences` webhook). */
export interface PreferenceEvent {
  kind: 'preference'
  value: 'stop' | 'resume'
  at: number
  phone: string | null
  user?: UserRef
  detail: string | null
}

/**
 * Another id the provider will use for a message we sent (Gupshup announces WhatsApp's id in its
 * `enqueued` event; MM Lite and late reports carry only that one).
 */
export interface AliasEvent {
  kind: 'alias'
  providerMessageId: string
  alias: string
}

/**
 * Something the engine acknowledged but did not understand (an unknown status value, message
 * type, webhook field or event type, or one malformed item of a batch). It changes no message
 * state; it is counted in `callbacks.health.ignored` by reason, with a few samples.
 */
export interface IgnoredItem {
  kind: 'ignored'
  /** `unknown_status:deleted`, `unknown_type:x`, `unknown_field:x`, `malformed_item`, … */
  reason: string
  /** A short excerpt of the item as received (JSON or form text). */
  sample: string
}

/**
 * A change to one of the account's message templates (Meta template webhooks): its status
 * (APPROVED, PAUSED, DISABLED, …), quality (GREEN, YELLOW, RED, UNKNOWN) or price category.
 * Applied by `callbacks/applyTemplateItem.ts`.
 */
export interface TemplateUpdateItem {
  kind: 'template'
  change: 'status' | 'quality' | 'category'
  /** The provider's template id, when given (Meta `message_template_id`). */
  templateId: string | null
  name: string | null
  language: string | null
  /** The new value, upper case as the provider sends it. */
  value: string
  previous: string | null
  reason: string | null
}

export type CallbackEvent =
  | StatusEvent
  | InboundEvent
  | ReactionEvent
  | PreferenceEvent
  | AliasEvent
  | MarketingActionEvent
  | IgnoredItem
  | TemplateUpdateItem
export type CallbackKind = CallbackEvent['kind']

const MAX_SAMPLE = 300
const MAX_DETAIL = 60

/** Builds an ignored item; the reason's variable part is cut short (it is provider data). */
export function ignored(reason: string, item: unknown, detail?: unknown): IgnoredItem {
  const tail =
    detail === undefined
      ? ''
      : `:${String(typeof detail === 'string' ? detail : (JSON.stringify(detail) ?? '')).slice(0, MAX_DETAIL)}`
  let sample: string
  try {
    sample = typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item))
  } catch {
    sample = String(item)
  }
  return { kind: 'ignored', reason: `${reason}${tail}`, sample: sample.slice(0, MAX_SAMPLE) }
}

/**
 * Parses one item of a batch; anything the item parser throws (a missing id, a wrong type)
 * makes that one item `malformed_item` instead of refusing the batch (spec §4, tolerant reader).
 */
export function tolerant<T>(item: unknown, parse: (item: unknown) => T): T | IgnoredItem {
  try {
    return parse(item)
  } catch {
    // Whatever one item trips on (ItemError or an odd shape), the rest of the batch still applies.
    return ignored('malformed_item', item)
  }
}

/** `tolerant` for a parser that yields several items (one webhook change, one envelope). */
export function tolerantMany(
  item: unknown,
  parse: (item: unknown) => CallbackEvent[]
): CallbackEvent[] {
  try {
    return parse(item)
  } catch {
    return [ignored('malformed_item', item)]
  }
}

/** Thrown by item parsers for an item they cannot read; `tolerant` turns it into an IgnoredItem. */
export class ItemError extends Error {
  override name = 'ItemError'
}
