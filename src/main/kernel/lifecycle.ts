/**
 * One long-lived part of the engine (timers, subscriptions, listeners, workers, connections to
 * providers). Built without side effects; `start` begins its work, `stop` ends it and waits for
 * work in progress, so the data file can close right after.
 */
export interface Service {
  start(): void | Promise<unknown>
  stop(): void | Promise<unknown>
}

/** `start:<name>` / `stop:<name>` in the order they happened (the engine's lifecycle test). */
export type LifecycleStep = `${'start' | 'stop'}:${string}`

/**
 * Starts services one after the other in the given order and stops the started ones in reverse,
 * so a service never outlives one it depends on (listed before it). A service that fails to stop
 * is logged and the others still stop; one that fails to start stops those already started and
 * fails the engine's start.
 */
export function createLifecycle(
  services: readonly (readonly [name: string, service: Service])[],
  log: (message: string, err?: unknown) => void
) {
  const started: (readonly [string, Service])[] = []
  const steps: LifecycleStep[] = []
  let stopping: Promise<void> | null = null

  async function stopStarted(): Promise<void> {
    for (let entry = started.pop(); entry; entry = started.pop()) {
      const [name, service] = entry
      steps.push(`stop:${name}`)
      try {
        await service.stop()
      } catch (err) {
        log(`the ${name} service failed to stop cleanly`, err)
      }
    }
  }

  return {
    names: services.map(([name]) => name),
    async start(): Promise<void> {
      if (steps.length) throw new Error('The engine services were started already')
      for (const entry of services) {
        const [name, service] = entry
        steps.push(`start:${name}`)
        try {
          await service.start()
        } catch (err) {
          await stopStarted()
          throw new Error(`The ${name} service failed to start: ${(err as Error).message}`, {
            cause: err
          })
        }
        started.push(entry)
      }
    },
    /** Idempotent: a second call waits for the first. */
    stop(): Promise<void> {
      stopping ??= stopStarted()
      return stopping
    },
    steps: (): readonly LifecycleStep[] => [...steps]
  }
}
export type Lifecycle = ReturnType<typeof createLifecycle>
