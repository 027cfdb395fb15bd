/**
 * The ONLY file that touches the transport. Electron: the preload bridge. Browser (headless
 * `serve`): `POST /api/<route>` with the bearer token received once in the URL fragment.
 * Both return the same typed outputs of the contract and throw `ApiError` on `{code, message}`.
 */
import type { EventName, Events, Input, Output, Route } from '../../../shared/ipc/contract'
import type { ErrorBody, ErrorCode, Result } from '../../../shared/ipc/errors'

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
}

function takeTokenFromFragment(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (!match) return null
  // Keep the token in memory only: remove it from the address bar and history.
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
  return decodeURIComponent(match[1]!)
}

function httpTransport(): Transport {
  const token = takeTokenFromFragment()
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let streaming = false

  async function stream(): Promise<void> {
    streaming = true
    for (;;) {
      try {
        const res = await fetch('/api/events', { headers })
        if (!res.ok || !res.body) throw new Error(`events ${res.status}`)
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
          }
        }
      } catch {
        // The engine restarted or the connection dropped: reconnect shortly.
      }
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
  function dispatch(frame: string): void {
    const name = /^event: (.+)$/m.exec(frame)?.[1]
    const data = /^data: (.+)$/m.exec(frame)?.[1]
    if (!name || data === undefined) return
    const payload: unknown = JSON.parse(data)
    listeners.get(name)?.forEach((cb) => cb(payload))
  }

  return {
    kind: 'http',
    async invoke(route, input) {
      const res = await fetch(`/api/${route}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {})
      })
      const body = (await res.json().catch(() => null)) as unknown
      if (res.ok) return { ok: true, data: body }
      const error = (body as { error?: ErrorBody } | null)?.error
      return { ok: false, error: error ?? { code: 'internal', message: `HTTP ${res.status}` } }
    },
    on(event, callback) {
      if (!streaming) void stream()
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      return () => set.delete(callback)
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
  async invoke<R extends Route>(route: R, input: Input<R>): Promise<Output<R>> {
    const result = await transport.invoke(route, input)
    if (!result.ok)
      throw new ApiError(result.error.code, result.error.message, result.error.details)
    return result.data as Output<R>
  },
  on<E extends EventName>(event: E, callback: (payload: Events[E]) => void): () => void {
    return transport.on(event, (payload) => callback(payload as Events[E]))
  }
}
