import { EventEmitter } from 'node:events'
import type { EventName, Events, EventSink } from '../../shared/ipc/contract'

export type EventListener = <E extends EventName>(name: E, payload: Events[E]) => void

/**
 * In-process fan-out of engine events to whichever transports are attached. A listener that throws
 * is reported and skipped: events are emitted from timers (dispatch loop, callback processor), where
 * a transport's error would otherwise escape and crash `serve`, and would starve later listeners.
 */
export function createEventBus(onListenerError: (err: unknown) => void = () => undefined) {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(100)
  const emit: EventSink = (name, payload) => {
    emitter.emit('event', name, payload)
  }
  return {
    emit,
    subscribe(listener: EventListener): () => void {
      const guarded: EventListener = (name, payload) => {
        try {
          listener(name, payload)
        } catch (err) {
          onListenerError(err)
        }
      }
      emitter.on('event', guarded)
      return () => emitter.off('event', guarded)
    }
  }
}
export type EventBus = ReturnType<typeof createEventBus>
