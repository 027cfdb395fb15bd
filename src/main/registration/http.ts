import { jsonOrUndefined, pick } from '../http/json'

/** One provider API call made while registering a callback URL. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT'
  url: string
  headers: Record<string, string>
  body?: string
}

export type ApiAnswer =
  | { kind: 'response'; status: number; text: string; json: unknown }
  | { kind: 'unreachable'; error: string }

const TIMEOUT_MS = 15_000
/** Kept of each answer in the registration log: enough to explain, never a whole page. */
const ANSWER_EXCERPT = 500

export async function callApi(call: ApiCall, timeoutMs = TIMEOUT_MS): Promise<ApiAnswer> {
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(timeoutMs)
    })
    const text = await response.text()
    const json = jsonOrUndefined(text)
    return { kind: 'response', status: response.status, text, json }
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    const reason =
      (err as Error).name === 'TimeoutError'
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : (cause?.code ?? cause?.message ?? (err as Error).message)
    return { kind: 'unreachable', error: reason }
  }
}

/** "HTTP 200 {…}" or "unreachable: ECONNREFUSED": what the registration log keeps. */
export function describeAnswer(answer: ApiAnswer): string {
  if (answer.kind === 'unreachable') return `unreachable: ${answer.error}`
  const text = answer.text.replace(/\s+/g, ' ').trim()
  const excerpt = text.length > ANSWER_EXCERPT ? `${text.slice(0, ANSWER_EXCERPT)}…` : text
  return `HTTP ${answer.status}${excerpt ? ` ${excerpt}` : ''}`
}

/** The HTTP status, or 0 when the provider could not be reached. */
export const statusOf = (answer: ApiAnswer): number =>
  answer.kind === 'response' ? answer.status : 0

export const ok = (answer: ApiAnswer): answer is Extract<ApiAnswer, { kind: 'response' }> =>
  answer.kind === 'response' && answer.status >= 200 && answer.status < 300

/** The provider's own error text, whichever of the usual envelopes it used. */
export function providerMessage(answer: ApiAnswer): string {
  if (answer.kind === 'unreachable') return `the provider could not be reached (${answer.error})`
  const json = answer.json
  const text =
    pick(json, 'error', 'message') ??
    pick(json, 'message') ??
    pick(json, 'meta', 'developerMessage') ??
    pick(json, 'requestError', 'serviceException', 'text')
  return typeof text === 'string' && text
    ? `HTTP ${answer.status}: ${text}`
    : `HTTP ${answer.status}`
}
