import type { ChildProcess } from 'node:child_process'

/**
 * A message pipe between the main process and the engine process, whatever carries it: an
 * Electron `MessagePortMain` (main ↔ utilityProcess) or the IPC channel of a Node child process
 * (`child_process.fork`, used where Electron is absent). Messages are structured-clone values;
 * both carriers deliver them in order. `onClose` fires once when the other end goes away.
 */
export interface Link {
  send(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  onClose(listener: () => void): void
  close(): void
}

/** The parts of Electron's `MessagePortMain` used here (typed structurally: no electron import). */
export interface PortLike {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown
  on(event: 'close', listener: () => void): unknown
  start(): void
  close(): void
}

/** A `MessagePortMain` (either end); it is started when its reader attaches. */
export function portLink(port: PortLike): Link {
  const closed = onceSignal()
  port.on('close', closed.fire)
  const link: Link = {
    send: (message) => port.postMessage(message),
    onMessage(listener) {
      port.on('message', (event) => listener(event.data))
      // Messages queue until start(); starting once the reader listens loses none.
      port.start()
    },
    onClose: closed.listen,
    close() {
      port.close()
      closed.fire()
    }
  }
  return link
}

/** The parent's side of a forked Node child (`fork(..., { serialization: 'advanced' })`). */
export function childLink(child: ChildProcess): Link {
  const closed = onceSignal()
  child.once('disconnect', closed.fire)
  child.once('exit', closed.fire)
  return {
    send: (message) => void (child.connected && child.send(message as object)),
    onMessage: (listener) => void child.on('message', listener),
    onClose: closed.listen,
    close() {
      if (child.connected) child.disconnect()
      closed.fire()
    }
  }
}

/** The child's side of `fork`: this process's own IPC channel to its parent. */
export function parentLink(proc: NodeJS.Process = process): Link {
  if (!proc.send) throw new Error('This process has no IPC channel to a parent')
  const closed = onceSignal()
  proc.once('disconnect', closed.fire)
  return {
    send: (message) => void (proc.connected && proc.send!(message as object)),
    onMessage: (listener) => void proc.on('message', listener),
    onClose: closed.listen,
    close() {
      if (proc.connected) proc.disconnect!()
      closed.fire()
    }
  }
}

function onceSignal() {
  const listeners: (() => void)[] = []
  let fired = false
  return {
    fire(): void {
      if (fired) return
      fired = true
      for (const listener of listeners.splice(0)) listener()
    },
    listen(listener: () => void): void {
      if (fired) queueMicrotask(listener)
      else listeners.push(listener)
    }
  }
}
