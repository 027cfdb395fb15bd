import type { Result } from '../../shared/ipc/errors'
import { ErrorCode } from '../../shared/ipc/errors'
import type { Engine } from '../engine/createEngine'
import type { EventListener } from '../kernel/events'
import { ENGINE, type EngineStart, type EngineStarted } from './engineProtocol'
import { hostMethods, type HostServices } from './hostApi'
import type { Link } from './link'
import { createPeer } from './peer'

/** What a transport (Electron IPC, the HTTP API) needs of an engine, in-process or not. */
export type EngineApi = Pick<Engine, 'invoke' | 'subscribe'>

export interface RemoteEngine extends EngineApi {
  started: EngineStarted
  /** Fires once if the engine process goes away (crash, exit, port closed). */
  onGone(listener: () => void): void
  /** Asks the engine to close (database, servers, tunnel), then closes the port. */
  close(timeoutMs?: number): Promise<void>
}

/**
 * The main process's side of the port: starts the engine in the other process and exposes the
 * same `invoke` and `subscribe` the in-process engine has, so `registerIpc` does not change.
 * Requests the engine makes of the main process are answered by `host`.
 */
export async function startRemoteEngine(
  link: Link,
  start: EngineStart,
  host: HostServices
): Promise<RemoteEngine> {
  const peer = createPeer(link, hostMethods(host))
  const started = await peer.request<EngineStarted>(ENGINE.start, start)
  return {
    started,
    async invoke(route: string, input: unknown): Promise<Result<unknown>> {
      try {
        return await peer.request<Result<unknown>>(ENGINE.invoke, { route, input })
      } catch (err) {
        return {
          ok: false,
          error: {
            code: ErrorCode.unavailable,
            message: `The engine is not running (${(err as Error).message})`
          }
        }
      }
    },
    subscribe(listener: EventListener): () => void {
      return peer.onNotice((name, payload) => {
        if (name !== ENGINE.event) return
        const event = payload as { name: Parameters<EventListener>[0]; payload: never }
        listener(event.name, event.payload)
      })
    },
    onGone: (listener) => peer.onClose(listener),
    async close(timeoutMs = 15_000): Promise<void> {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
      await Promise.race([peer.request(ENGINE.close).catch(() => undefined), timeout])
      clearTimeout(timer)
      peer.close()
    }
  }
}
