import { trimTrailingSlash } from '../http/url'

/** One provider request the transport (`postRequest` in ./http) sends as it is: a POST by default. */
export interface HttpRequest {
  url: string
  headers: Record<string, string>
  /** Ignored for a GET. */
  body: string
  timeoutMs?: number
  /** GET reads a provider's own records (lookups, analytics); sends are POSTs. */
  method?: 'GET' | 'POST'
}

/** A GET asking for a JSON answer; `auth` is the provider's credential header. */
export function getRequest(url: string, auth: Record<string, string>): HttpRequest {
  return { url, method: 'GET', headers: { accept: 'application/json', ...auth }, body: '' }
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
