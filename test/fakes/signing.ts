import { createHmac } from 'node:crypto'

/**
 * Signing exactly as the providers do, written independently of the production verifiers so
 * a shared mistake cannot make both sides agree.
 */

/** Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, raw body)>`. */
export function metaSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`
}

/** Meta serialises webhooks with non-ASCII escaped as lowercase `\uXXXX`, and signs those bytes. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/**
 * Twilio: base64 HMAC-SHA1(authToken, fullUrl + key1 + value1 + key2 + value2 …) with the POST
 * keys sorted (twilio-node `getExpectedTwilioSignature`).
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url)
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64')
}
