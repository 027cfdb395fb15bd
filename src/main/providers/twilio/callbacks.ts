import { createHmac } from 'node:crypto'
import { headerOf, safeEqual, toE164 } from '../normalize'
import {
  MalformedCallbackError,
  type CallbackEvent,
  type RawCallback,
  type StatusEvent,
  type VerifyResult
} from '../types'
import { OUR_ID_PARAM } from './send'

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature'

/** Form fields in arrival order; repeated keys keep every value. */
function formPairs(raw: RawCallback): [string, string][] {
  return [...new URLSearchParams(raw.rawBody.toString('utf8')).entries()]
}

/** base64 HMAC-SHA1(authToken, url + each key+value, keys sorted) (twilio-node webhooks.ts). */
export function twilioSignature(authToken: string, url: string, pairs: [string, string][]): string {
  const keys = [...new Set(pairs.map(([key]) => key))].sort()
  let data = url
  for (const key of keys) for (const [k, v] of pairs) if (k === key) data += key + v
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64')
}

/** Proxies and tunnels may add or drop the default port, so Twilio's own validator tries both. */
function urlVariants(publicUrl: string): string[] {
  const match = /^(https?):\/\/([^/?#:]+)(?::(\d+))?(.*)$/i.exec(publicUrl)
  if (!match) return [publicUrl]
  const [, scheme = '', host = '', port, rest = ''] = match
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80'
  if (port === undefined) return [publicUrl, `${scheme}://${host}:${defaultPort}${rest}`]
  return port === defaultPort ? [publicUrl, `${scheme}://${host}${rest}`] : [publicUrl]
}

export function verifyTwilioSignature(authToken: string, raw: RawCallback): VerifyResult {
  const signature = headerOf(raw, TWILIO_SIGNATURE_HEADER)
  if (!signature) return 'missing_signature'
  if (!authToken) return 'invalid_signature'
  const pairs = formPairs(raw)
  const ok = urlVariants(raw.publicUrl).some((url) =>
    safeEqual(twilioSignature(authToken, url, pairs), signature.trim())
  )
  return ok ? 'valid' : 'invalid_signature'
}

/** Initial and in-transit states say nothing about delivery, so they produce no event. */
const STATUS_MAP: Record<string, StatusEvent['status'] | null> = {
  queued: null,
  accepted: null,
  scheduled: null,
  sending: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed'
}

/**
 * Twilio's message callbacks carry no event time; when neither `Timestamp` nor an RFC 2822
 * date is present, the moment of parsing (right after receipt) is the best evidence there is.
 */
function eventTime(fields: URLSearchParams): number {
  const stamp = fields.get('Timestamp')
  const parsed = stamp ? Date.parse(stamp) : Number.NaN
  return Number.isNaN(parsed) ? Date.now() : parsed
}

function ourIdFrom(publicUrl: string): string | null {
  try {
    return new URL(publicUrl).searchParams.get(OUR_ID_PARAM)
  } catch {
    return null
  }
}

/** Status callbacks (`MessageStatus`) and inbound messages (`SmsStatus=received`), form-encoded. */
export function parseTwilioCallback(raw: RawCallback): CallbackEvent[] {
  const fields = new URLSearchParams(raw.rawBody.toString('utf8'))
  const sid = fields.get('MessageSid') ?? fields.get('SmsSid')
  if (!sid) throw new MalformedCallbackError('Twilio callback: no MessageSid')
  const messageStatus = fields.get('MessageStatus')
  if (messageStatus === null) {
    const from = toE164(fields.get('From'))
    if (!from) throw new MalformedCallbackError(`Twilio message ${sid}: no From`)
    return [
      {
        kind: 'inbound',
        providerMessageId: sid,
        from,
        at: eventTime(fields),
        text: fields.get('Body') || fields.get('ButtonText') || null,
        quotedProviderMessageId: fields.get('OriginalRepliedMessageSid') || null
      }
    ]
  }
  if (!(messageStatus in STATUS_MAP))
    throw new MalformedCallbackError(`Twilio message ${sid}: unknown status ${messageStatus}`)
  const status = STATUS_MAP[messageStatus]
  if (!status) return []
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: sid,
    ourId: ourIdFrom(raw.publicUrl),
    status,
    at: eventTime(fields),
    recipient: toE164(fields.get('To'))
  }
  const code = fields.get('ErrorCode')
  const message = fields.get('ErrorMessage') ?? fields.get('ChannelStatusMessage')
  if (code) event.errorCode = code
  if (message) event.errorTitle = message
  return [event]
}
