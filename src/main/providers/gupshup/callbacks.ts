import { ignored, ItemError, tolerantMany } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import { parseMetaCallback } from '../meta/callbacks'
import { epochMs, parseJsonBody, toE164, toUserId } from '../normalize'
import type {
  AliasEvent,
  CallbackEvent,
  InboundEvent,
  StatusEvent,
  RawCallback,
  UserRef
} from '../types'

function malformed(what: string): never {
  throw new ItemError(`Gupshup callback: ${what}`)
}

const STATUS_MAP: Partial<Record<string, StatusEvent['status'] | null>> = {
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
/** `enqueued` announces WhatsApp's id for Gupshup's: later reports may carry only that one. */
function aliasOf(payload: unknown): AliasEvent | null {
  const id = stringOrNull(pick(payload, 'id'))
  const alias = stringOrNull(pick(payload, 'payload', 'whatsappMessageId'))
  return id && alias ? { kind: 'alias', providerMessageId: id, alias } : null
}

function parseMessageEvent(envelopeAt: number, payload: unknown): CallbackEvent | null {
  const type = stringOrNull(pick(payload, 'type')) ?? malformed('message-event without a type')
  if (!Object.hasOwn(STATUS_MAP, type)) return ignored('unknown_status', payload, type)
  if (type === 'enqueued') return aliasOf(payload)
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
  const userId = toUserId(pick(payload, 'userId'))
  if (userId) event.user = { phone: event.recipient, userId, parentUserId: null, username: null }
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

function senderOf(payload: unknown): UserRef {
  return {
    phone: toE164(pick(payload, 'sender', 'phone')) ?? toE164(pick(payload, 'source')),
    userId: toUserId(pick(payload, 'sender', 'userId')) ?? toUserId(pick(payload, 'userId')),
    parentUserId: null,
    username: null
  }
}

function parseMessage(envelopeAt: number, payload: unknown): CallbackEvent {
  const id = stringOrNull(pick(payload, 'id')) ?? malformed('message without an id')
  const user = senderOf(payload)
  if (!user.phone && !user.userId) malformed(`message ${id} without a sender`)
  const event: InboundEvent = {
    kind: 'inbound',
    providerMessageId: id,
    from: user.phone,
    at: envelopeAt,
    text: inboundText(payload),
    // Campaign rows hold Gupshup's id, which the reply context carries as `gsId`.
    quotedProviderMessageId:
      stringOrNull(pick(payload, 'context', 'gsId')) ?? stringOrNull(pick(payload, 'context', 'id'))
  }
  if (user.userId) event.user = user
  return event
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * v3 events are Meta-shaped (providers.md §3.2) with Gupshup's id as `gs_id` beside WhatsApp's
 * `id` and millisecond timestamps; campaign rows hold Gupshup's id, so it replaces `id`.
 */
function parseV3(body: unknown, raw: RawCallback): CallbackEvent[] {
  const aliases: CallbackEvent[] = []
  for (const entry of list(pick(body, 'entry')))
    for (const change of list(pick(entry, 'changes'))) {
      const value = pick(change, 'value')
      const statuses = pick(value, 'statuses')
      if (!Array.isArray(statuses)) continue
      // `enqueued` is Gupshup's own hand-over step: no delivery evidence, but it pairs the ids.
      for (const s of statuses) {
        const gsId = stringOrNull(pick(s, 'gs_id'))
        const wamid = stringOrNull(pick(s, 'id'))
        if (pick(s, 'status') === 'enqueued' && gsId && wamid)
          aliases.push({ kind: 'alias', providerMessageId: gsId, alias: wamid })
      }
      const kept = statuses.filter((s) => pick(s, 'status') !== 'enqueued')
      for (const status of kept) {
        const gsId = stringOrNull(pick(status, 'gs_id'))
        if (gsId && status && typeof status === 'object') (status as { id: unknown }).id = gsId
      }
      ;(value as { statuses: unknown[] }).statuses = kept
    }
  // Gupshup does not sign, so re-serialising the body loses nothing.
  return [...aliases, ...parseMetaCallback({ ...raw, rawBody: Buffer.from(JSON.stringify(body)) })]
}

/**
 * One v2 envelope per POST (or a Meta-shaped v3 one). Only a body that is not JSON throws; an
 * envelope or event type the engine does not know is acknowledged as an `ignored` item.
 */
export function parseGupshupCallback(raw: RawCallback): CallbackEvent[] {
  const body = parseJsonBody(raw)
  if (pick(body, 'object') === 'whatsapp_business_account') return parseV3(body, raw)
  return tolerantMany(body, (b) => {
    const event = parseV2(b)
    return event ? [event] : []
  })
}

function parseV2(body: unknown): CallbackEvent | null {
  const type = stringOrNull(pick(body, 'type')) ?? malformed('no type')
  const at = epochMs(pick(body, 'timestamp')) ?? malformed('no timestamp')
  const payload = pick(body, 'payload')
  if (payload === null || typeof payload !== 'object') malformed('no payload')
  if (type === 'message-event') return parseMessageEvent(at, payload)
  if (type === 'message') return parseMessage(at, payload)
  // user-event (opt-in/out), billing-event, …: no message state in them.
  return ignored('unknown_event', body, type)
}
