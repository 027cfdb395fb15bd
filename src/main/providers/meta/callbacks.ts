import { ignored, ItemError, tolerant, tolerantMany, type CallbackEvent } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import { epochMs, headerOf, hmacHex, parseJsonBody, safeEqual, toE164 } from '../normalize'
import type {
  InboundEvent,
  PreferenceEvent,
  RawCallback,
  ReactionEvent,
  StatusEvent,
  VerifyResult
} from '../types'
import { parseMetaPricing } from './pricing'
import { parseMetaUserAction } from './userActions'
import { META_TEMPLATE_FIELDS } from './templateWebhooks'
import { contactsOf, senderOf, statusUser, type MetaContacts } from './users'

export const META_SIGNATURE_HEADER = 'x-hub-signature-256'

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, raw body)>` over the bytes as
 * received (Meta signs escaped-unicode JSON, so re-serialising would break it). Pure: the Sandbox
 * signs with the same scheme and verifies through this function too.
 */
export function verifyMetaSignature(secret: string, raw: RawCallback): VerifyResult {
  const header = headerOf(raw, META_SIGNATURE_HEADER)
  if (!header) return 'missing_signature'
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim())
  if (!match?.[1] || !secret) return 'invalid_signature'
  const expected = hmacHex('sha256', secret, raw.rawBody)
  return safeEqual(match[1].toLowerCase(), expected) ? 'valid' : 'invalid_signature'
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed'])

function bad(what: string): never {
  throw new ItemError(`Meta callback: ${what}`)
}

function parseStatus(item: unknown, contacts: MetaContacts): StatusEvent | CallbackEvent {
  const status = stringOrNull(pick(item, 'status'))
  // `played` (voice), `deleted` and future values carry no delivery evidence for a template.
  if (status === null || !STATUSES.has(status)) return ignored('unknown_status', item, status)
  // Group-chat statuses concern messages a campaign never sends (one-to-one templates only).
  const recipientType = stringOrNull(pick(item, 'recipient_type'))
  if (recipientType !== null && recipientType !== 'individual')
    return ignored('unknown_recipient_type', item, recipientType)
  const id = stringOrNull(pick(item, 'id')) ?? bad('status without id')
  const at = epochMs(pick(item, 'timestamp')) ?? bad(`status ${id} without a timestamp`)
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: id,
    ourId: stringOrNull(pick(item, 'biz_opaque_callback_data')),
    status: status as StatusEvent['status'],
    at,
    recipient: toE164(pick(item, 'recipient_id'))
  }
  const user = statusUser(item, contacts)
  if (user) event.user = user
  const pricing = parseMetaPricing(item)
  if (pricing) event.pricing = pricing
  const error = pick(item, 'errors', 0)
  if (error !== undefined) {
    const code = stringOrNull(pick(error, 'code'))
    const title = stringOrNull(pick(error, 'title')) ?? stringOrNull(pick(error, 'message'))
    const detail = stringOrNull(pick(error, 'error_data', 'details'))
    if (code) event.errorCode = code
    if (title) event.errorTitle = title
    if (detail) event.errorDetail = detail
  }
  return event
}

/** Inbound types that are replies (spec §4); anything else is acknowledged and ignored. */
const REPLY_TYPES = new Set([
  'text',
  'button',
  'interactive',
  'image',
  'video',
  'audio',
  'voice',
  'document',
  'sticker',
  'location',
  'contacts',
  'order',
  'unsupported'
])

function inboundText(item: unknown, type: string): string | null {
  switch (type) {
    case 'text':
      return stringOrNull(pick(item, 'text', 'body'))
    case 'button':
      return stringOrNull(pick(item, 'button', 'text'))
    case 'interactive':
      return (
        stringOrNull(pick(item, 'interactive', 'button_reply', 'title')) ??
        stringOrNull(pick(item, 'interactive', 'list_reply', 'title'))
      )
    default:
      // Media replies keep their caption when there is one.
      return stringOrNull(pick(item, type, 'caption'))
  }
}

function parseInbound(item: unknown, contacts: MetaContacts): CallbackEvent {
  const type = stringOrNull(pick(item, 'type')) ?? bad('message without a type')
  if (type !== 'reaction' && !REPLY_TYPES.has(type)) return ignored('unknown_type', item, type)
  const id = stringOrNull(pick(item, 'id')) ?? bad('message without id')
  const at = epochMs(pick(item, 'timestamp')) ?? bad(`message ${id} without a timestamp`)
  // A username-only user shows a BSUID and no phone (`from_user_id`, no `from`).
  const user = senderOf(item, contacts)
  if (!user.phone && !user.userId) bad(`message ${id} without a sender`)
  const known = user.userId || user.username ? { user } : {}
  if (type === 'reaction') {
    const reacted = stringOrNull(pick(item, 'reaction', 'message_id')) ?? bad('reaction to nothing')
    const emoji = pick(item, 'reaction', 'emoji')
    return {
      kind: 'reaction',
      providerMessageId: id,
      from: user.phone,
      ...known,
      at,
      reactedProviderMessageId: reacted,
      emoji: typeof emoji === 'string' ? emoji : ''
    } satisfies ReactionEvent
  }
  return {
    kind: 'inbound',
    providerMessageId: id,
    from: user.phone,
    ...known,
    at,
    text: inboundText(item, type),
    quotedProviderMessageId: stringOrNull(pick(item, 'context', 'id'))
  } satisfies InboundEvent
}

/** `field: user_preferences`: marketing messages stop / resume (other categories: ignored). */
function parsePreferencesValue(value: unknown): CallbackEvent[] {
  const contacts = contactsOf(value)
  const events: CallbackEvent[] = []
  for (const item of list(value, 'user_preferences', events))
    events.push(
      tolerant(item, (i): CallbackEvent => {
        const category = stringOrNull(pick(i, 'category'))
        if (category !== 'marketing_messages') return ignored('unknown_category', i, category)
        const choice = stringOrNull(pick(i, 'value'))
        if (choice !== 'stop' && choice !== 'resume') return ignored('unknown_value', i, choice)
        const at = epochMs(pick(i, 'timestamp')) ?? bad('preference without a timestamp')
        const user = senderOf(
          { from: pick(i, 'wa_id'), from_user_id: pick(i, 'user_id') },
          contacts
        )
        if (!user.phone && !user.userId) bad('preference without a user')
        return {
          kind: 'preference',
          value: choice,
          at,
          phone: user.phone,
          ...(user.userId || user.username ? { user } : {}),
          detail: stringOrNull(pick(i, 'detail'))
        } satisfies PreferenceEvent
      })
    )
  return events
}

/** The array at `key`; a non-array there is one `malformed_item` pushed to `out`. */
function list(value: unknown, key: string, out: CallbackEvent[]): unknown[] {
  const found = pick(value, key)
  if (found === undefined) return []
  if (Array.isArray(found)) return found
  out.push(ignored('malformed_item', found))
  return []
}

/** `field: messages`: statuses, inbound messages and app-level errors of one change value. */
function parseMessagesValue(value: unknown): CallbackEvent[] {
  const contacts = contactsOf(value)
  const events: CallbackEvent[] = []
  for (const item of list(value, 'statuses', events))
    events.push(tolerant(item, (i) => parseStatus(i, contacts)))
  for (const item of list(value, 'messages', events))
    events.push(tolerant(item, (i) => parseInbound(i, contacts)))
  // Marketing Messages API clicks and landing page views.
  for (const item of list(value, 'user_actions', events))
    events.push(parseMetaUserAction(item, value))
  // App-level errors concern no message (e.g. 130429 throughput): kept and counted, no state.
  for (const item of list(value, 'errors', events))
    events.push(ignored('app_error', item, pick(item, 'code')))
  return events
}

/**
 * Parsers per webhook `field`; a field not listed here is acknowledged and counted as
 * `unknown_field:<field>`. Other modules add their fields here (template updates, …).
 */
export const META_FIELDS: Record<string, (value: unknown) => CallbackEvent[]> = {
  messages: parseMessagesValue,
  user_preferences: parsePreferencesValue,
  ...META_TEMPLATE_FIELDS
}

function parseChange(change: unknown): CallbackEvent[] {
  const field = stringOrNull(pick(change, 'field'))
  const parse = field !== null && Object.hasOwn(META_FIELDS, field) ? META_FIELDS[field] : undefined
  if (!parse) return [ignored('unknown_field', change, field ?? '')]
  return parse(pick(change, 'value'))
}

/**
 * Flattens one webhook POST (several entries, changes and statuses may be batched) into
 * normalised items. Only a body that is not JSON throws (400); everything else the engine does
 * not understand becomes an `ignored` item next to the items it does (spec §4).
 */
export function parseMetaCallback(raw: RawCallback): CallbackEvent[] {
  const body = parseJsonBody(raw)
  const object = pick(body, 'object')
  if (object !== 'whatsapp_business_account')
    return [ignored('unknown_object', body, stringOrNull(object) ?? '')]
  const entries = pick(body, 'entry')
  if (!Array.isArray(entries)) return [ignored('malformed_item', body)]
  const events: CallbackEvent[] = []
  for (const entry of entries)
    for (const change of list(entry, 'changes', events))
      events.push(...tolerantMany(change, parseChange))
  return events
}
