import type { FakeStatus } from './callbacks'
import { digits } from './callbacks'
import type { Answer } from './server'

/**
 * Infobip's error envelope, status objects and WhatsApp message logs, as the Infobip fake
 * answers them (split from infobip.ts, which stays the send and report side).
 */
const DEFAULT_IDS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHORIZED', 'Invalid login details'],
  403: ['UNAUTHORIZED', 'Forbidden'],
  404: ['NOT_FOUND', 'Not found'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
  500: ['GENERAL_ERROR', 'Something went wrong. Please contact support.'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable']
}

export function infobipError(status: number, code?: string | number, message?: string): Answer {
  const [id, text] = DEFAULT_IDS[status] ?? ['GENERAL_ERROR', 'Error']
  const body: Record<string, unknown> = {
    requestError: { serviceException: { messageId: String(code ?? id), text: message ?? text } }
  }
  return { status, body }
}

/**
 * Status objects per group, ids and names from Infobip's general status codes:
 * https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes
 */
export const INFOBIP_STATUS: Record<string, Record<string, unknown>> = {
  PENDING: {
    groupId: 1,
    groupName: 'PENDING',
    id: 7,
    name: 'PENDING_ENROUTE',
    description: 'Message sent to next instance'
  },
  UNDELIVERABLE: {
    groupId: 2,
    groupName: 'UNDELIVERABLE',
    id: 9,
    name: 'UNDELIVERABLE_NOT_DELIVERED',
    description: 'Message sent not delivered'
  },
  DELIVERED: {
    groupId: 3,
    groupName: 'DELIVERED',
    id: 5,
    name: 'DELIVERED_TO_HANDSET',
    description: 'Message delivered to handset'
  },
  EXPIRED: {
    groupId: 4,
    groupName: 'EXPIRED',
    id: 15,
    name: 'EXPIRED_EXPIRED',
    description: 'Message expired'
  },
  REJECTED: {
    groupId: 5,
    groupName: 'REJECTED',
    id: 52,
    name: 'REJECTED_DESTINATION',
    description: 'Invalid destination address'
  }
}

export const NO_ERROR = {
  groupId: 0,
  groupName: 'OK',
  id: 0,
  name: 'NO_ERROR',
  description: 'No Error',
  permanent: false
}

/** Infobip writes times like `2025-07-01T12:00:02.000+0000`. */
export const infobipTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000')

/** What the fake's message logs hold of one message: its last status and when. */
export interface InfobipLogEntry {
  to: string
  status: string
  at: number
  callbackData: string | null
  /** The error object of an undeliverable message (as in its delivery report). */
  error?: Record<string, unknown>
}

/** Infobip's logs endpoints: 120 requests a minute per account (see logsAnswer). */
export const LOGS_PER_MINUTE = 120

/**
 * Infobip's WhatsApp message logs: `GET /whatsapp/2/logs` filtered by `messageId` (repeatable),
 * answering `{results: [{messageId, to, from, sentAt, doneAt, messageCount, price, status,
 * error}]}` with the same status objects as delivery reports; kept 48 hours, and not consumed by
 * reading (unlike the reports pull). The path and filters follow public clients of the WhatsApp
 * logs (Infobip's own page was not in the corpus); the logs contract is Infobip's documented one
 * for its channels, e.g. https://www.infobip.com/docs/api/channels/email/get-email-message-logs
 * (messageId, to, sentSince, sentUntil, limit; 48 hours).
 */
export function logsAnswer(url: URL, logs: Map<string, InfobipLogEntry>, from: string): Answer {
  // `messageId` takes comma-separated values (at most 2,048 characters) as documented for the
  // logs of Infobip's other channels, e.g. https://www.infobip.com/docs/api/channels/messenger/get-outbound-messenger-message-logs
  const raw = url.searchParams.getAll('messageId')
  if (raw.some((v) => v.length > 2048))
    return infobipError(400, 'BAD_REQUEST', 'messageId: maximum length 2048 characters')
  const ids = raw.flatMap((v) => v.split(',')).filter(Boolean)
  const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 50) || 50)
  const results = []
  for (const id of ids) {
    const entry = logs.get(id)
    if (!entry || results.length >= limit) continue
    const status = INFOBIP_STATUS[entry.status] ?? INFOBIP_STATUS.PENDING
    results.push({
      bulkId: 'bulk-1',
      messageId: id,
      to: digits(entry.to),
      from,
      sentAt: infobipTime(entry.at),
      doneAt: infobipTime(entry.at),
      messageCount: 1,
      price: { pricePerMessage: 0, currency: 'EUR' },
      status,
      error: entry.error ?? NO_ERROR,
      ...(entry.callbackData ? { callbackData: entry.callbackData } : {})
    })
  }
  return { status: 200, body: { results } }
}

/** A delivery report's error object for a scripted failure. */
export function reportError(error: NonNullable<FakeStatus['error']>): Record<string, unknown> {
  return {
    groupId: 1,
    groupName: 'HANDSET_ERRORS',
    id: Number(error.code),
    name: error.title ?? 'EC_UNKNOWN',
    description: error.detail ?? error.title ?? '',
    permanent: true
  }
}
