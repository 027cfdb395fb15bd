import { trimTrailingSlash } from '../http/url'

/** One provider request: a POST the transport (`postRequest` in ./http) sends as it is. */
export interface HttpRequest {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs?: number
}

/** A POST with a JSON body, asking for a JSON answer; `auth` is the provider's credential header. */
export function jsonRequest(url: string, auth: Record<string, string>, body: unknown): HttpRequest {
  return {
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...auth },
    body: JSON.stringify(body)
  }
}

/** A POST with a form-encoded body, asking for a JSON answer. */
export function formRequest(
  url: string,
  auth: Record<string, string>,
  form: URLSearchParams
): HttpRequest {
  return {
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...auth
    },
    body: form.toString()
  }
}

/**
 * The account's `baseUrl` (a test server, a regional host) without trailing slashes, else the
 * provider's own. Every request of an adapter, sends and template lists alike, starts here.
 */
export function baseUrlOf(config: Record<string, unknown>, providerDefault: string): string {
  return typeof config.baseUrl === 'string' ? trimTrailingSlash(config.baseUrl) : providerDefault
}
