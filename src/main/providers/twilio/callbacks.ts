import { createHmac } from 'node:crypto'
import { ignored, type UserRef } from '../callbackItems'
import { headerOf, safeEqual, toE164, toUserId } from '../normalize'
import type { CallbackEvent, InboundEvent, RawCallback, StatusEvent, VerifyResult } from '../types'
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
export const TWILIO_STATUS: Partial<Record<string, StatusEvent['status'] | null>> = {
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

/** The sender of an inbound message: a phone, or a BSUID (`whatsapp:US.1234`), never mixed up. */
function senderOf(fields: URLSearchParams): UserRef {
  const from = fields.get('From')
  return {
    phone: toE164(from),
    userId: toUserId(from) ?? toUserId(fields.get('ExternalUserId')),
    parentUserId: null,
    username: null
  }
}

function parseInbound(fields: URLSearchParams, sid: string, sample: string): CallbackEvent {
  const user = senderOf(fields)
  if (!user.phone && !user.userId) return ignored('malformed_item', sample)
  const event: InboundEvent = {
    kind: 'inbound',
    providerMessageId: sid,
    from: user.phone,
    at: eventTime(fields),
    text: fields.get('Body') || fields.get('ButtonText') || null,
    quotedProviderMessageId: fields.get('OriginalRepliedMessageSid') || null
  }
  if (user.userId) event.user = user
  return event
}

/**
 * Status callbacks (`MessageStatus`) and inbound messages (`SmsStatus=received`), form-encoded.
 * A form always parses, so nothing here refuses: what cannot be read is an `ignored` item.
 */
export function parseTwilioCallback(raw: RawCallback): CallbackEvent[] {
  const text = raw.rawBody.toString('utf8')
  const fields = new URLSearchParams(text)
  const sid = fields.get('MessageSid') || fields.get('SmsSid')
  if (!sid) return [ignored('malformed_item', text)]
  const messageStatus = fields.get('MessageStatus')
  if (messageStatus === null) return [parseInbound(fields, sid, text)]
  if (!Object.hasOwn(TWILIO_STATUS, messageStatus))
    return [ignored('unknown_status', text, messageStatus)]
  const status = TWILIO_STATUS[messageStatus]
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
