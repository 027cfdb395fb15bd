import type { ProviderAccount } from './providerAccounts'
import { jsonOrUndefined } from '../http/json'
import type { HttpRequest } from './request'
import type { SendOutcome, SendRequest } from './types'

export type Rejected = Extract<SendOutcome, { kind: 'rejected' }>

/** Upper bound for one provider request when the caller's signal carries no deadline of its own. */
export const DEFAULT_TIMEOUT_MS = 15_000

export interface HttpResponse {
  kind: 'response'
  status: number
  headers: Headers
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown
}

/** The provider's own error code and message, pulled out of its error body by the adapter. */
export interface ProviderError {
  code: string | null
  message: string | null
}

function isTimeout(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as Error).name === 'TimeoutError'
}

function networkCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } }).cause
  return typeof cause?.code === 'string' ? cause.code : null
}

/**
 * Failures that happen before a byte of the request is written: no connection (refused,
 * unreachable, connect timeout), no address (DNS), or a TLS handshake that failed. Anything else
 * (a reset, "other side closed", a broken pipe) may come after the provider read the request.
 */
const NEVER_LEFT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT'
])
export function neverLeft(code: string | null): boolean {
  if (code === null) return false
  return NEVER_LEFT.has(code) || /^(ERR_TLS_|CERT_|ERR_SSL_)/.test(code) || code.includes('CERT')
}

/** The outcome of a request the provider may have received and accepted (spec §3). */
export function mayHaveArrived(
  reason: Rejected['reason'],
  providerCode: string | null,
  providerMessage: string | null
): Rejected {
  return { ...rejected(reason, providerCode, providerMessage, false), mayHaveArrived: true }
}

/**
 * Sends one request (a POST unless it says GET). Timeouts (our own deadline or a caller's `AbortSignal.timeout`) become
 * `timeout`; refused, reset or dropped connections become `network`. Only a request that never
 * left (`neverLeft`) is retryable; a timeout or a reset may follow an accepted send, so those
 * come back `mayHaveArrived`. Any other caller abort (cancel, shutdown) is rethrown, because the
 * caller chose it and must see it as such.
 */
export async function postRequest(
  request: HttpRequest,
  signal: AbortSignal
): Promise<HttpResponse | Rejected> {
  // A private controller, not AbortSignal.any: a campaign-long caller signal would otherwise
  // collect one dependent per request until it is garbage-collected.
  const controller = new AbortController()
  const onAbort = () => controller.abort(signal.reason)
  if (signal.aborted) onAbort()
  else signal.addEventListener('abort', onAbort, { once: true })
  const timer = setTimeout(
    () => controller.abort(new DOMException('Provider request deadline', 'TimeoutError')),
    request.timeoutMs ?? DEFAULT_TIMEOUT_MS
  )
  try {
    const method = request.method ?? 'POST'
    const response = await fetch(request.url, {
      method,
      headers: request.headers,
      body: method === 'GET' ? undefined : request.body,
      signal: controller.signal
    })
    const text = await response.text()
    const json = jsonOrUndefined(text)
    return { kind: 'response', status: response.status, headers: response.headers, text, json }
  } catch (error) {
    if (controller.signal.aborted) {
      // The request may have been written and accepted before the deadline: not retried blindly.
      if (isTimeout(controller.signal.reason))
        return mayHaveArrived('timeout', null, 'No response before the deadline')
      throw signal.reason ?? error
    }
    const message = error instanceof Error ? (error.cause as Error | undefined)?.message : null
    const code = networkCode(error)
    return neverLeft(code)
      ? rejected('network', code, message ?? String(error), true)
      : mayHaveArrived('network', code, message ?? String(error))
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', onAbort)
  }
}

export function rejected(
  reason: Rejected['reason'],
  providerCode: string | null,
  providerMessage: string | null,
  retryable: boolean,
  retryAfterMs?: number
): Rejected {
  const outcome: Rejected = { kind: 'rejected', reason, providerCode, providerMessage, retryable }
  if (retryAfterMs !== undefined) outcome.retryAfterMs = retryAfterMs
  return outcome
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** Maps a non-2xx answer to a dispatch error reason, keeping the provider's code and message. */
export function classifyHttpError(response: HttpResponse, error: ProviderError): Rejected {
  const { status } = response
  const code = error.code
  const message = error.message ?? (response.text.slice(0, 500) || `HTTP ${status}`)
  if (status === 401 || status === 403) return rejected('auth_failed', code, message, false)
  if (status === 429)
    return rejected(
      'rate_limited',
      code,
      message,
      true,
      parseRetryAfter(response.headers.get('retry-after'))
    )
  if (status === 408) return rejected('timeout', code, message, true)
  // 503 says the service could not handle the request now (RFC 9110 §15.6.4): not accepted.
  if (status === 503)
    return rejected(
      'provider_error',
      code,
      message,
      true,
      parseRetryAfter(response.headers.get('retry-after'))
    )
  // Any other 5xx (500, 502 behind a gateway, 504) may come after the send was accepted.
  if (status >= 500) return mayHaveArrived('provider_error', code, message)
  return rejected('invalid_request', code, message, false)
}

export const isSuccess = (response: HttpResponse): boolean =>
  response.status >= 200 && response.status < 300

/** A 2xx naming the provider's id for the message is a send; see `missingId` for one without. */
export function acceptedAs(response: HttpResponse, providerMessageId: string | null): SendOutcome {
  return providerMessageId ? { kind: 'accepted', providerMessageId } : missingId(response)
}

/** A 2xx without the id we need: accepted or not is unknowable, so it is not retried blindly. */
export function missingId(response: HttpResponse): Rejected {
  return rejected(
    'provider_error',
    null,
    `HTTP ${response.status} without a message id: ${response.text.slice(0, 200)}`,
    false
  )
}

/**
 * A provider's send: build its request, post it, classify the answer. Network failures and
 * timeouts come back from `postRequest` already classified.
 */
export function createSender(
  build: (account: ProviderAccount, request: SendRequest) => HttpRequest,
  classify: (response: HttpResponse, request: SendRequest) => SendOutcome
) {
  return async function send(
    account: ProviderAccount,
    request: SendRequest,
    signal: AbortSignal
  ): Promise<SendOutcome> {
    const result = await postRequest(build(account, request), signal)
    return result.kind === 'response' ? classify(result, request) : result
  }
}
