import { parseRetryAfter, postRequest, type HttpResponse } from './http'
import { pick, stringOrNull } from '../http/json'
import type { HttpRequest } from './request'
import type { StatusEvent } from './callbackItems'

export type { LookupRef } from '../db/repos/reconcileRepo'

/**
 * What the provider's own record says. `found` may carry no event: the provider has no report
 * either (still queued or sending). A refusal, a rate limit or an unreachable provider is
 * recorded by the caller, never fatal.
 */
export type LookupResult =
  | { kind: 'found'; events: StatusEvent[] }
  | { kind: 'not_found' }
  | { kind: 'refused'; detail: string }
  | { kind: 'rate_limited'; detail: string; retryAfterMs?: number }
  | { kind: 'unreachable'; detail: string }

export type LookupFailure = Exclude<LookupResult, { kind: 'found' } | { kind: 'not_found' }>

/** The provider's own message out of an error body (Twilio `message`, Meta `error.message`, …). */
function providerMessage(response: HttpResponse): string {
  return (
    stringOrNull(pick(response.json, 'message')) ??
    stringOrNull(pick(response.json, 'error', 'message')) ??
    stringOrNull(pick(response.json, 'requestError', 'serviceException', 'text')) ??
    (response.text.slice(0, 200) || `HTTP ${response.status}`)
  )
}

/**
 * GETs one of the provider's own records. A 2xx is returned for the caller to read; 404 is
 * `not_found`; 401/403 `refused`; 429 `rate_limited` (with `Retry-After`); anything else, a
 * timeout or a network failure `unreachable`.
 */
export async function getRecord(
  request: HttpRequest,
  signal: AbortSignal
): Promise<HttpResponse | Exclude<LookupResult, { kind: 'found' }>> {
  const result = await postRequest({ ...request, method: 'GET' }, signal)
  if (result.kind === 'rejected')
    return { kind: 'unreachable', detail: result.providerMessage ?? result.reason }
  const { status } = result
  if (status >= 200 && status < 300) return result
  const detail = `HTTP ${status}: ${providerMessage(result)}`
  if (status === 404) return { kind: 'not_found' }
  if (status === 401 || status === 403) return { kind: 'refused', detail }
  if (status === 429)
    return {
      kind: 'rate_limited',
      detail,
      retryAfterMs: parseRetryAfter(result.headers.get('retry-after'))
    }
  return { kind: 'unreachable', detail }
}

/**
 * The JSON of one of the provider's own records, or a thrown Error naming what the provider
 * said (for lookups whose caller records a failure and asks again later, e.g. dispatch/lostSends).
 */
export async function getJsonRecord(
  request: HttpRequest,
  signal: AbortSignal,
  provider: string
): Promise<unknown> {
  const answer = await getRecord(request, signal)
  if (answer.kind === 'response') return answer.json
  const detail = 'detail' in answer ? `: ${answer.detail}` : ''
  throw new Error(`${provider} lookup ${answer.kind.replace('_', ' ')}${detail}`)
}
