/**
 * The ONLY file that touches the transport. Electron: the preload bridge. Browser (headless
 * `serve`): `POST /api/<route>` with the bearer token received in the URL fragment or typed in.
 * Both return the same typed outputs of the contract and throw `ApiError` on `{code, message}`.
 * The browser's token is kept for the tab's life (sessionStorage); a refused token stops every
 * call's retry loop and the sign-in screen asks for another.
 */
import type { EventName, Events, Input, Output, Route } from '../../../shared/ipc/contract'
import type { ErrorBody, ErrorCode, Result } from '../../../shared/ipc/errors'
import { readSseEvents } from '../../../shared/ipc/sse'

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface Transport {
  kind: 'electron' | 'http'
  invoke(route: string, input: unknown): Promise<Result<unknown>>
  on(event: string, callback: (payload: unknown) => void): () => void
  /** Only the browser signs in; the desktop window is the signed-in user's own. */
  session?: Session
  /** The browser's event stream ended: the engine may have stopped (pages check and say so). */
  onDisconnect?(callback: () => void): () => void
}

export interface Session {
  hasToken(): boolean
  /** Called once when the engine refuses the token (and again after each later refusal). */
  onRefused(callback: () => void): () => void
  /** Checks the token with the engine; keeps it on success, else returns the engine's error. */
  signIn(token: string): Promise<ErrorBody | null>
  signOut(): void
}

const TOKEN_KEY = 'tickboard.apiToken'

function takeTokenFromFragment(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (!match) return null
  // Out of the address bar and history: the address is for pages (lib/routes.ts).
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
  return decodeURIComponent(match[1]!)
}

/**
 * The browser's sign-in: the token from the `ui:` address (or typed on the sign-in screen) kept
 * in sessionStorage, so a reload stays signed in for the tab's life and a new tab asks again.
 */
function readToken(): string | null {
  const fromFragment = takeTokenFromFragment()
  try {
    if (fromFragment) sessionStorage.setItem(TOKEN_KEY, fromFragment)
    return fromFragment ?? sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return fromFragment // storage refused (privacy mode): signed in until a reload
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token)
    else sessionStorage.removeItem(TOKEN_KEY)
  } catch {
    // storage refused: the token lives in memory only
  }
}

function httpTransport(): Transport {
  let token = readToken()
  const headers = (): Record<string, string> => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {})
  })
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const refused = new Set<() => void>()
  const disconnected = new Set<() => void>()
  let streaming = false
  // Closes the open event stream on a 401 or sign-out, rather than waiting for the engine's end.
  let streamAbort: AbortController | null = null
  // Set by a 401: nothing is asked again (the event stream stops) until a new token is given.
  // A tab without a token asks nothing at all: each 401 counts as a failed sign-in against
  // this address's limit on the engine, so the sign-in screen shows first.
  let rejected = token === null

  function reject(): void {
    if (rejected) return
    rejected = true
    streamAbort?.abort()
    refused.forEach((cb) => cb())
  }

  async function stream(): Promise<void> {
    streaming = true
    while (!rejected) {
      streamAbort = new AbortController()
      try {
        const res = await fetch('/api/events', { headers: headers(), signal: streamAbort.signal })
        if (res.status === 401) reject()
        if (!res.ok || !res.body) throw new Error(`events ${res.status}`)
        await readSseEvents(res.body, (name, payload) =>
          listeners.get(name)?.forEach((cb) => cb(payload))
        )
      } catch {
        // The engine restarted or the connection dropped: reconnect shortly.
      }
      if (!rejected) disconnected.forEach((cb) => cb())
      if (!rejected) await new Promise((r) => setTimeout(r, 1000))
    }
    streaming = false
  }
  async function post(route: string, input: unknown): Promise<Result<unknown>> {
    const res = await fetch(`/api/${route}`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(input ?? {})
    })
    const body = (await res.json().catch(() => null)) as unknown
    if (res.ok) return { ok: true, data: body }
    const error = (body as { error?: ErrorBody } | null)?.error
    return { ok: false, error: error ?? { code: 'internal', message: `HTTP ${res.status}` } }
  }

  return {
    kind: 'http',
    async invoke(route, input) {
      if (token === null)
        return { ok: false, error: { code: 'unauthorized', message: 'Sign in first.' } }
      const result = await post(route, input)
      if (!result.ok && result.error.code === 'unauthorized') reject()
      return result
    },
    on(event, callback) {
      if (!streaming && !rejected) void stream()
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      return () => set.delete(callback)
    },
    onDisconnect(callback) {
      disconnected.add(callback)
      return () => disconnected.delete(callback)
    },
    session: {
      hasToken: () => token !== null,
      onRefused(callback) {
        refused.add(callback)
        if (rejected) callback()
        return () => refused.delete(callback)
      },
      async signIn(candidate) {
        const before = token
        token = candidate
        const check = await post('system.info', {})
        if (!check.ok) {
          token = before
          return check.error
        }
        writeToken(candidate)
        rejected = false
        if (!streaming && listeners.size) void stream()
        return null
      },
      signOut() {
        token = null
        writeToken(null)
        reject()
      }
    }
  }
}

function electronTransport(): Transport | null {
  const bridge = window.tickboard
  if (!bridge) return null
  return {
    kind: 'electron',
    invoke: (route, input) => bridge.invoke(route, input) as Promise<Result<unknown>>,
    on: (event, callback) => bridge.on(event, callback)
  }
}

const transport: Transport = electronTransport() ?? httpTransport()

export const api = {
  transport: transport.kind,
  session: transport.session ?? null,
  async invoke<R extends Route>(route: R, input: Input<R>): Promise<Output<R>> {
    let result: Result<unknown>
    try {
      result = await transport.invoke(route, input)
    } catch (err) {
      // No answer at all (serve stopped, network down): not the engine's refusal.
      const why = err instanceof Error ? err.message : String(err)
      throw new ApiError('unavailable', `The engine cannot be reached (${why}).`, {
        unreachable: true
      })
    }
    if (!result.ok)
      throw new ApiError(result.error.code, result.error.message, result.error.details)
    return result.data as Output<R>
  },
  onDisconnect(callback: () => void): () => void {
    return transport.onDisconnect?.(callback) ?? (() => undefined)
  },
  on<E extends EventName>(event: E, callback: (payload: Events[E]) => void): () => void {
    return transport.on(event, (payload) => callback(payload as Events[E]))
  }
}
