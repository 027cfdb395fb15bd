import { jsonOrUndefined, pick, stringOrNull } from '../http/json'
import { TemplateListError } from './types'

/** Bound on one page request and on pages per sync (a runaway `next` link stops here). */
export const PAGE_TIMEOUT_MS = 15_000
export const MAX_PAGES = 200

/**
 * GETs one JSON page of a provider's template list. A 401/403 or any non-2xx becomes a
 * TemplateListError naming the provider's own message; network errors say the list is
 * unreachable (the compose page then works from the last synced list).
 */
export async function getJsonPage(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  provider: string
): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.any([signal, AbortSignal.timeout(PAGE_TIMEOUT_MS)])
    })
  } catch (err) {
    if (signal.aborted) throw err
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    throw new TemplateListError(
      `${provider} template list unreachable (${cause?.code ?? cause?.message ?? (err as Error).message})`
    )
  }
  const text = await response.text()
  const json = jsonOrUndefined(text)
  if (!response.ok) {
    const message =
      stringOrNull(pick(json, 'error', 'message')) ??
      stringOrNull(pick(json, 'message')) ??
      stringOrNull(pick(json, 'requestError', 'serviceException', 'text')) ??
      stringOrNull(pick(json, 'meta', 'developer_message')) ??
      text.slice(0, 200)
    const what =
      response.status === 401 || response.status === 403
        ? 'refused the credentials'
        : `answered HTTP ${response.status}`
    throw new TemplateListError(`${provider} ${what} for the template list: ${message}`)
  }
  if (json === undefined) throw new TemplateListError(`${provider} template list is not JSON`)
  return json
}

/** Follows `next(page)` until it returns null, at most MAX_PAGES pages. */
export async function collectPages<T>(
  first: string,
  fetchPage: (url: string) => Promise<{ items: T[]; next: string | null }>
): Promise<T[]> {
  const items: T[] = []
  let url: string | null = first
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const result = await fetchPage(url)
    items.push(...result.items)
    url = result.next
  }
  return items
}
