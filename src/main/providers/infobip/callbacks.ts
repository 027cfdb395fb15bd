import { pick, stringOrNull } from '../http'
import { isoMs, parseJsonBody, toE164 } from '../normalize'
import {
  MalformedCallbackError,
  type CallbackEvent,
  type InboundEvent,
  type RawCallback,
  type StatusEvent
} from '../types'

function malformed(what: string): never {
  throw new MalformedCallbackError(`Infobip callback: ${what}`)
}

/** Status groups (providers.md §4.2): PENDING is "handed on", the rest are final. */
const GROUPS: Record<string, StatusEvent['status']> = {
  PENDING: 'sent',
  DELIVERED: 'delivered',
  UNDELIVERABLE: 'failed',
  EXPIRED: 'failed',
  REJECTED: 'failed'
}

function parseReport(result: unknown): StatusEvent {
  const id = stringOrNull(pick(result, 'messageId')) ?? malformed('report without messageId')
  const group = stringOrNull(pick(result, 'status', 'groupName')) ?? ''
  const status = GROUPS[group] ?? malformed(`report ${id} with unknown status group ${group}`)
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: id,
    ourId: stringOrNull(pick(result, 'callbackData')),
    status,
    at:
      isoMs(pick(result, 'doneAt')) ??
      isoMs(pick(result, 'sentAt')) ??
      malformed(`report ${id} without a time`),
    recipient: toE164(pick(result, 'to'))
  }
  const error = pick(result, 'error')
  if (status === 'failed' || (error !== undefined && pick(error, 'id') !== 0)) {
    const code = stringOrNull(pick(error, 'id'))
    const name = stringOrNull(pick(error, 'name')) ?? stringOrNull(pick(result, 'status', 'name'))
    const detail =
      stringOrNull(pick(error, 'description')) ??
      stringOrNull(pick(result, 'status', 'description'))
    if (code && code !== '0') event.errorCode = code
    if (name && name !== 'NO_ERROR') event.errorTitle = name
    if (detail && name !== 'NO_ERROR') event.errorDetail = detail
  }
  return event
}

function parseSeen(result: unknown): StatusEvent {
  const id = stringOrNull(pick(result, 'messageId')) ?? malformed('seen report without messageId')
  return {
    kind: 'status',
    providerMessageId: id,
    ourId: stringOrNull(pick(result, 'callbackData')),
    status: 'read',
    at: isoMs(pick(result, 'seenAt')) ?? malformed(`seen report ${id} without seenAt`),
    recipient: toE164(pick(result, 'to'))
  }
}

function parseInbound(result: unknown): InboundEvent {
  const id = stringOrNull(pick(result, 'messageId')) ?? malformed('message without messageId')
  const message = pick(result, 'message')
  return {
    kind: 'inbound',
    providerMessageId: id,
    from: toE164(pick(result, 'from')) ?? malformed(`message ${id} without a sender`),
    at: isoMs(pick(result, 'receivedAt')) ?? malformed(`message ${id} without receivedAt`),
    text:
      stringOrNull(pick(message, 'text')) ??
      stringOrNull(pick(message, 'caption')) ??
      stringOrNull(pick(message, 'payload')),
    quotedProviderMessageId: stringOrNull(pick(message, 'context', 'id'))
  }
}

/**
 * Delivery reports, seen reports and inbound messages all arrive as `{results: [...]}`; each
 * result says which it is by its fields (`status`, `seenAt`, `receivedAt`).
 */
export function parseInfobipCallback(raw: RawCallback): CallbackEvent[] {
  const results = pick(parseJsonBody(raw), 'results')
  if (!Array.isArray(results)) malformed('results is not an array')
  return results.map((result): CallbackEvent => {
    if (pick(result, 'status') !== undefined) return parseReport(result)
    if (pick(result, 'seenAt') !== undefined) return parseSeen(result)
    if (pick(result, 'receivedAt') !== undefined) return parseInbound(result)
    return malformed('result is neither a report, a seen report nor a message')
  })
}
