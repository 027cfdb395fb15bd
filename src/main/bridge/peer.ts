import type { Link } from './link'

/**
 * Request/answer and one-way notices over a Link, in both directions: the main process asks the
 * engine (`invoke`, `close`) and the engine asks the main process (keychain, save dialog, PDF
 * printing). Frames are plain objects, so they cross a MessagePort and a Node IPC channel alike.
 */
type Frame =
  | { t: 'req'; id: number; method: string; params: unknown }
  | { t: 'res'; id: number; ok: true; value: unknown }
  | { t: 'res'; id: number; ok: false; message: string }
  | { t: 'note'; name: string; payload: unknown }

export type Methods = Record<string, (params: never) => unknown>

export interface Peer {
  request<T>(method: string, params?: unknown): Promise<T>
  notify(name: string, payload: unknown): void
  onNotice(listener: (name: string, payload: unknown) => void): () => void
  /** Fires once when the other side is gone (process exit, port closed). */
  onClose(listener: () => void): void
  close(): void
}

/** Raised for a request the other side could not answer (its message travels, not its stack). */
export class PeerError extends Error {
  override name = 'PeerError'
}

export function createPeer(link: Link, methods: Methods = {}): Peer {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  const noticeListeners = new Set<(name: string, payload: unknown) => void>()
  let nextId = 1
  let closed = false

  link.onMessage((raw) => {
    const frame = raw as Frame
    if (!frame || typeof frame !== 'object') return
    if (frame.t === 'req') void answer(frame.id, frame.method, frame.params)
    else if (frame.t === 'res') settle(frame)
    else if (frame.t === 'note')
      for (const listener of noticeListeners) listener(frame.name, frame.payload)
  })
  link.onClose(() => {
    closed = true
    for (const [id, waiter] of pending) {
      pending.delete(id)
      waiter.reject(new PeerError('The other process has gone away'))
    }
  })

  async function answer(id: number, method: string, params: unknown): Promise<void> {
    const run = Object.hasOwn(methods, method) ? methods[method] : undefined
    // A port may deliver queued requests while createPeer is still running: let it return first
    // (methods may use the peer they belong to).
    await null
    try {
      if (!run) throw new PeerError(`No method "${method}"`)
      const value = await run(params as never)
      if (!closed) link.send({ t: 'res', id, ok: true, value } satisfies Frame)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      if (!closed) link.send({ t: 'res', id, ok: false, message } satisfies Frame)
    }
  }

  function settle(frame: Extract<Frame, { t: 'res' }>): void {
    const waiter = pending.get(frame.id)
    if (!waiter) return
    pending.delete(frame.id)
    if (frame.ok) waiter.resolve(frame.value)
    else waiter.reject(new PeerError(frame.message))
  }

  return {
    request<T>(method: string, params?: unknown): Promise<T> {
      if (closed) return Promise.reject(new PeerError('The other process has gone away'))
      const id = nextId++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        link.send({ t: 'req', id, method, params } satisfies Frame)
      })
    },
    notify(name, payload) {
      if (!closed) link.send({ t: 'note', name, payload } satisfies Frame)
    },
    onNotice(listener) {
      noticeListeners.add(listener)
      return () => noticeListeners.delete(listener)
    },
    onClose: (listener) => link.onClose(listener),
    close() {
      link.close()
    }
  }
}
