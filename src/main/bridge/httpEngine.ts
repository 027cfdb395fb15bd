import type { ErrorBody, Result } from '../../shared/ipc/errors'
import { ErrorCode } from '../../shared/ipc/errors'
import { readSseEvents } from '../../shared/ipc/sse'
import type { EventListener } from '../kernel/events'
import type { EngineApi } from './remoteEngine'

export type LinkState =
  { state: 'connected'; reason: null } | { state: 'unreachable' | 'refused'; reason: string }

export interface HttpEngine extends EngineApi {
  readonly url: string
  linkState(): LinkState
  /** Fires on every change of `linkState`. */
  onLinkState(listener: (state: LinkState) => void): () => void
  /** Stops the event stream; later calls still go out (nothing to close on the server). */
  close(): void
}

const MAX_RETRY_MS = 10_000

/**
 * A team server's engine over HTTP with the headless API's contract: routes are
 * `POST <url>/api/<route>` with the bearer token, events come from `GET <url>/api/events`
 * (server-sent events), kept open and reopened after a gap. No answer at all means the server
 * cannot be reached (said in `linkState`, retried); a 401 means the token is not accepted.
 */
export function connectHttpEngine(options: {
  url: string
  token: string
  retryMs?: number
}): HttpEngine {
  const { url, token } = options
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const listeners = new Set<EventListener>()
  const stateListeners = new Set<(state: LinkState) => void>()
  const stop = new AbortController()
  let state: LinkState = { state: 'connected', reason: null }

  function setState(next: LinkState): void {
    if (next.state === state.state && next.reason === state.reason) return
    state = next
    for (const listener of stateListeners) listener(state)
  }
  const unreachable = (why: string): { state: 'unreachable'; reason: string } => ({
    state: 'unreachable',
    reason: `The team server ${url} cannot be reached (${why}); Tickboard keeps trying.`
  })

  async function invoke(route: string, input: unknown): Promise<Result<unknown>> {
    let res: Response
    try {
      res = await fetch(`${url}/api/${route}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        signal: AbortSignal.timeout(120_000)
      })
    } catch (err) {
      const next = unreachable(causeOf(err))
      setState(next)
      return { ok: false, error: { code: ErrorCode.unavailable, message: next.reason } }
    }
    const body = (await res.json().catch(() => null)) as { error?: ErrorBody } | null
    if (res.ok) {
      if (state.state === 'unreachable') setState({ state: 'connected', reason: null })
      return { ok: true, data: body }
    }
    if (res.status === 401) setState(refused(body?.error?.message))
    // A proxy in front of an engine that is restarting answers 502-504 without our error body.
    if (!body?.error) {
      const next = unreachable(`its proxy answered HTTP ${res.status}`)
      if (res.status >= 502 && res.status <= 504) setState(next)
      return { ok: false, error: { code: ErrorCode.unavailable, message: next.reason } }
    }
    return { ok: false, error: body.error }
  }

  async function stream(): Promise<void> {
    let wait = options.retryMs ?? 1000
    while (!stop.signal.aborted) {
      try {
        const res = await fetch(`${url}/api/events`, { headers, signal: stop.signal })
        if (res.status === 401) {
          setState(refused(null))
          return
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
        setState({ state: 'connected', reason: null })
        wait = options.retryMs ?? 1000
        await readSseEvents(res.body, (name, payload) => {
          for (const listener of listeners)
            listener(name as Parameters<EventListener>[0], payload as never)
        })
        if (!stop.signal.aborted) setState(unreachable('the event stream ended'))
      } catch (err) {
        if (stop.signal.aborted) return
        setState(unreachable(causeOf(err)))
      }
      await new Promise((r) => setTimeout(r, wait))
      wait = Math.min(wait * 2, MAX_RETRY_MS)
    }
  }

  void stream()
  return {
    url,
    invoke,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    linkState: () => state,
    onLinkState(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
    close: () => stop.abort()
  }
}

function refused(message: string | null | undefined): { state: 'refused'; reason: string } {
  return {
    state: 'refused',
    reason: `The team server does not accept this token${message ? ` (${message})` : ''}: it may have been revoked. Connect again with a new one, or disconnect.`
  }
}

/** What went wrong under fetch's "fetch failed": ECONNREFUSED, ENOTFOUND, a certificate error… */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (err as Error).message
}
