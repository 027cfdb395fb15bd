import { pick, stringOrNull } from '../http'
import { parseMetaCallback } from '../meta/callbacks'
import { epochMs, parseJsonBody, toE164 } from '../normalize'
import {
  MalformedCallbackError,
  type CallbackEvent,
  type InboundEvent,
  type StatusEvent,
  type RawCallback
} from '../types'

function malformed(what: string): never {
  throw new MalformedCallbackError(`Gupshup callback: ${what}`)
}

const STATUS_MAP: Record<string, StatusEvent['status'] | null> = {
  enqueued: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  deleted: null
}

/**
 * v2 `message-event`. `payload.id` is Gupshup's id on enqueued/failed but WhatsApp's id on
 * sent/delivered/read, where Gupshup's id moves to `gsId`; we store Gupshup's id, so prefer it.
 */
function parseMessageEvent(envelopeAt: number, payload: unknown): StatusEvent | null {
  const type = stringOrNull(pick(payload, 'type')) ?? malformed('message-event without a type')
  if (!(type in STATUS_MAP)) malformed(`unknown message-event type ${type}`)
  const status = STATUS_MAP[type]
  if (!status) return null
  const id =
    stringOrNull(pick(payload, 'gsId')) ??
    stringOrNull(pick(payload, 'id')) ??
    malformed(`${type} event without an id`)
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: id,
    ourId: null,
    status,
    // The inner `ts` (seconds) is when WhatsApp reported it; the envelope time is Gupshup's.
    at: epochMs(pick(payload, 'payload', 'ts')) ?? envelopeAt,
    recipient: toE164(pick(payload, 'destination'))
  }
  if (status === 'failed') {
    const code = stringOrNull(pick(payload, 'payload', 'code'))
    const reason = stringOrNull(pick(payload, 'payload', 'reason'))
    if (code) event.errorCode = code
    if (reason) event.errorTitle = reason
  }
  return event
}

function inboundText(payload: unknown): string | null {
  const inner = pick(payload, 'payload')
  return (
    stringOrNull(pick(inner, 'text')) ??
    stringOrNull(pick(inner, 'title')) ??
    stringOrNull(pick(inner, 'caption'))
  )
}

function parseMessage(envelopeAt: number, payload: unknown): InboundEvent {
  const id = stringOrNull(pick(payload, 'id')) ?? malformed('message without an id')
  const from =
    toE164(pick(payload, 'sender', 'phone')) ??
    toE164(pick(payload, 'source')) ??
    malformed(`message ${id} without a sender`)
  return {
    kind: 'inbound',
    providerMessageId: id,
    from,
    at: envelopeAt,
    text: inboundText(payload),
    // Campaign rows hold Gupshup's id, which the reply context carries as `gsId`.
    quotedProviderMessageId:
      stringOrNull(pick(payload, 'context', 'gsId')) ?? stringOrNull(pick(payload, 'context', 'id'))
  }
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * v3 events are Meta-shaped (providers.md §3.2) with Gupshup's id as `gs_id` beside WhatsApp's
 * `id` and millisecond timestamps; campaign rows hold Gupshup's id, so it replaces `id`.
 */
function parseV3(body: unknown, raw: RawCallback): CallbackEvent[] {
  for (const entry of list(pick(body, 'entry')))
    for (const change of list(pick(entry, 'changes')))
      for (const status of list(pick(change, 'value', 'statuses'))) {
        const gsId = stringOrNull(pick(status, 'gs_id'))
        if (gsId && status && typeof status === 'object') (status as { id: unknown }).id = gsId
      }
  // Gupshup does not sign, so re-serialising the body loses nothing.
  return parseMetaCallback({ ...raw, rawBody: Buffer.from(JSON.stringify(body)) })
}

/** One v2 envelope per POST; other types (user-event, billing-event) carry no message state. */
export function parseGupshupCallback(raw: RawCallback): CallbackEvent[] {
  const body = parseJsonBody(raw)
  if (pick(body, 'object') === 'whatsapp_business_account') return parseV3(body, raw)
  const type = stringOrNull(pick(body, 'type')) ?? malformed('no type')
  const at = epochMs(pick(body, 'timestamp')) ?? malformed('no timestamp')
  const payload = pick(body, 'payload')
  if (payload === null || typeof payload !== 'object') malformed('no payload')
  if (type === 'message-event') {
    const event = parseMessageEvent(at, payload)
    return event ? [event] : []
  }
  if (type === 'message') return [parseMessage(at, payload)]
  return []
}
