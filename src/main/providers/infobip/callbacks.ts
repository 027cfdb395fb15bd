import { ignored, ItemError, tolerant } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import { isoMs, parseJsonBody, toE164 } from '../normalize'
import type { CallbackEvent, InboundEvent, RawCallback, StatusEvent } from '../types'

function malformed(what: string): never {
  throw new ItemError(`Infobip callback: ${what}`)
}

/** Status groups (providers.md §4.2): PENDING is "handed on", the rest are final. */
const GROUPS: Partial<Record<string, StatusEvent['status']>> = {
  PENDING: 'sent',
  DELIVERED: 'delivered',
  UNDELIVERABLE: 'failed',
  EXPIRED: 'failed',
  REJECTED: 'failed'
}

/** One delivery report (a callback's result, or a message log entry: the same shape). */
export function parseReport(result: unknown): CallbackEvent {
  const id = stringOrNull(pick(result, 'messageId')) ?? malformed('report without messageId')
  const group = stringOrNull(pick(result, 'status', 'groupName')) ?? ''
  const status = Object.hasOwn(GROUPS, group) ? GROUPS[group] : undefined
  if (!status) return ignored('unknown_status', result, group)
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

function parseInbound(result: unknown): CallbackEvent {
  const id = stringOrNull(pick(result, 'messageId')) ?? malformed('message without messageId')
  const message = pick(result, 'message')
  const from = toE164(pick(result, 'from'))
  if (!from) malformed(`message ${id} without a sender`)
  const event: InboundEvent = {
    kind: 'inbound',
    providerMessageId: id,
    from,
    at: isoMs(pick(result, 'receivedAt')) ?? malformed(`message ${id} without receivedAt`),
    text:
      stringOrNull(pick(message, 'text')) ??
      stringOrNull(pick(message, 'caption')) ??
      stringOrNull(pick(message, 'payload')),
    quotedProviderMessageId: stringOrNull(pick(message, 'context', 'id'))
  }
  return event
}

function parseResult(result: unknown): CallbackEvent {
  if (pick(result, 'status') !== undefined) return parseReport(result)
  if (pick(result, 'seenAt') !== undefined) return parseSeen(result)
  if (pick(result, 'receivedAt') !== undefined) return parseInbound(result)
  return ignored('malformed_item', result)
}

/**
 * Delivery reports, seen reports and inbound messages all arrive as `{results: [...]}`; each
 * result says which it is by its fields (`status`, `seenAt`, `receivedAt`). Only a body that is
 * not JSON throws; a result the engine cannot read is an `ignored` item beside the others.
 */
export function parseInfobipCallback(raw: RawCallback): CallbackEvent[] {
  const body = parseJsonBody(raw)
  const results = pick(body, 'results')
  if (!Array.isArray(results)) return [ignored('malformed_item', body)]
  return results.map((result) => tolerant(result, parseResult))
}
