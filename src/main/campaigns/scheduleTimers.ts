/** setTimeout's longest delay; a launch further out is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The timers of scheduled launches, one per campaign (its state: nothing else). A timer that
 * fires calls `due` with the campaign; the service checks it is still scheduled and launches it.
 */
export class ScheduleTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly due: (campaignId: string) => void,
    /** The engine's clock: `at` is a time by it. */
    private readonly now: () => number
  ) {}

  /** (Re)arms the campaign's launch at `at` (ms since the epoch); a past time fires at once. */
  arm(id: string, at: number): void {
    clearTimeout(this.timers.get(id))
    const delay = at - this.now()
    const timer = setTimeout(
      () => {
        this.timers.delete(id)
        // Not yet by the engine's clock: a delay past setTimeout's limit fires at the limit, and
        // a timer may fire a millisecond early by the wall clock (Node keeps timers on a
        // monotonic clock in whole milliseconds; seen in CI as a launch stamped 1 ms early).
        if (this.now() < at) return this.arm(id, at)
        this.due(id)
      },
      Math.max(0, Math.min(delay, MAX_TIMER_MS))
    )
    this.timers.set(id, timer)
  }

  clear(id: string): void {
    clearTimeout(this.timers.get(id))
    this.timers.delete(id)
  }

  /** Engine stop: no scheduled launch fires after it. */
  clearAll(): void {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
  }
}
