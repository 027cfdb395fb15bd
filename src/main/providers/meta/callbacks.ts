import { epochMs, headerOf, hmacHex, parseJsonBody, safeEqual, toE164 } from '../normalize'
import { pick, stringOrNull } from '../http'
import {
  MalformedCallbackError,
  type CallbackEvent,
  type InboundEvent,
  type RawCallback,
  type StatusEvent,
  type VerifyResult
} from '../types'

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

function malformed(what: string): never {
  throw new MalformedCallbackError(`Meta callback: ${what}`)
}

function parseStatus(item: unknown): StatusEvent | null {
  const status = stringOrNull(pick(item, 'status'))
  // `played` (voice), `deleted` and future values carry no delivery evidence for a template.
  if (status === null || !STATUSES.has(status)) return null
  const id = stringOrNull(pick(item, 'id')) ?? malformed('status without id')
  const at = epochMs(pick(item, 'timestamp')) ?? malformed(`status ${id} without a timestamp`)
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: id,
    ourId: stringOrNull(pick(item, 'biz_opaque_callback_data')),
    status: status as StatusEvent['status'],
    at,
    recipient: toE164(pick(item, 'recipient_id'))
  }
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

function inboundText(item: unknown): string | null {
  switch (pick(item, 'type')) {
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
      return stringOrNull(pick(item, String(pick(item, 'type')), 'caption'))
  }
}

function parseInbound(item: unknown): InboundEvent {
  const id = stringOrNull(pick(item, 'id')) ?? malformed('message without id')
  return {
    kind: 'inbound',
    providerMessageId: id,
    from: toE164(pick(item, 'from')) ?? malformed(`message ${id} without a sender`),
    at: epochMs(pick(item, 'timestamp')) ?? malformed(`message ${id} without a timestamp`),
    text: inboundText(item),
    quotedProviderMessageId: stringOrNull(pick(item, 'context', 'id'))
  }
}

function arrayAt(value: unknown, key: string): unknown[] {
  const found = pick(value, key)
  if (found === undefined) return []
  return Array.isArray(found) ? found : malformed(`${key} is not an array`)
}

/**
 * Flattens one webhook POST (several entries, changes and statuses may be batched) into
 * normalised events. App-level `errors` and non-`messages` fields carry no message state.
 */
export function parseMetaCallback(raw: RawCallback): CallbackEvent[] {
  const body = parseJsonBody(raw)
  if (pick(body, 'object') !== 'whatsapp_business_account')
    malformed('object is not whatsapp_business_account')
  const entries = pick(body, 'entry')
  if (!Array.isArray(entries)) malformed('entry is not an array')
  const events: CallbackEvent[] = []
  for (const entry of entries) {
    for (const change of arrayAt(entry, 'changes')) {
      if (pick(change, 'field') !== 'messages') continue
      const value = pick(change, 'value')
      for (const item of arrayAt(value, 'statuses')) {
        const event = parseStatus(item)
        if (event) events.push(event)
      }
      for (const item of arrayAt(value, 'messages')) events.push(parseInbound(item))
    }
  }
  return events
}
