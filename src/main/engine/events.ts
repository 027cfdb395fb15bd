import { EventEmitter } from 'node:events'
import type { EventName, Events, EventSink } from '../../shared/ipc/contract'

export type EventListener = <E extends EventName>(name: E, payload: Events[E]) => void

/** In-process fan-out of engine events to whichever transports are attached. */
export function createEventBus() {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(100)
  const emit: EventSink = (name, payload) => {
    emitter.emit('event', name, payload)
  }
  return {
    emit,
    subscribe(listener: EventListener): () => void {
      emitter.on('event', listener)
      return () => emitter.off('event', listener)
    }
  }
}
export type EventBus = ReturnType<typeof createEventBus>
