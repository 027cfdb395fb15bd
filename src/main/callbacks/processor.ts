import { createBatchApplier, type BatchApplier, type BatchDeps } from './processorBatch'

export interface ProcessorOptions {
  /** Campaigns whose message state changed in the last applied batch. */
  onApplied?: (campaignIds: Set<string>) => void
  log?: (message: string, err?: unknown) => void
  batchSize?: number
  /** Longest stretch of applying before the receiver gets the event loop back. */
  sliceMs?: number
  /** Safety-net drain interval; commits also wake the processor directly. */
  intervalMs?: number
  /** Unmatched statuses are re-tried for this long (a callback can overtake the send response). */
  unmatchedRetryMs?: number
  /** Applied inbox rows (raw bodies) are kept this long for audit, then deleted. */
  retainProcessedMs?: number
  /**
   * The engine's clock: rows are applied, retried and pruned at its now (the inbox's arrival
   * times are by it). How often the chores run is a timer, on the monotonic clock.
   */
  now: () => number
}

export type ProcessorDeps = BatchDeps

/** Pause between slices while callbacks are arriving. */
const BUSY_GAP_MS = 12
const RETRY_EVERY_MS = 5000
const PRUNE_EVERY_MS = 60_000

/**
 * Applies committed inbox rows to message state after the 2xx was sent. Runs on start (rows left
 * by a crash between answer and processing), after every inbox commit, and on a timer. Each slice
 * is one transaction (`processorBatch.ts`); a row that fails is marked with its error instead of
 * blocking the rest. The fields below are all the state there is: when it last ran each chore,
 * whether a run is scheduled, and whether it stopped.
 */
export class CallbackProcessor {
  private readonly deps: ProcessorDeps
  private readonly options: ProcessorOptions
  private readonly batches: BatchApplier
  private readonly batchSize: number
  private readonly sliceMs: number
  private scheduled = false
  private stopped = false
  private timer: NodeJS.Timeout | null = null
  /** Monotonic times (performance.now) of the last wake-up and chores: timers, not the time. */
  private lastWake = 0
  private lastRetry = -Infinity
  private lastPrune = -Infinity

  constructor(deps: ProcessorDeps, options: ProcessorOptions) {
    this.deps = deps
    this.options = options
    this.batchSize = options.batchSize ?? 10
    this.sliceMs = options.sliceMs ?? 4
    this.batches = createBatchApplier(deps, {
      retryMs: options.unmatchedRetryMs ?? 15 * 60_000,
      log: options.log
    })
  }

  /** Applies everything pending now; returns how many inbox rows were applied. */
  drain(now = this.options.now()): number {
    let total = 0
    for (;;) {
      const { count, campaigns } = this.batches.drainBatch(now, this.batchSize)
      total += count
      if (campaigns.size) this.options.onApplied?.(campaigns)
      if (count < this.batchSize) return total
    }
  }

  /** Re-tries unmatched statuses whose message may exist by now. */
  retryUnmatched(now = this.options.now()): void {
    const campaigns = this.batches.retryUnmatched(now)
    if (campaigns.size) this.options.onApplied?.(campaigns)
  }

  /** Deletes applied inbox rows older than the retention; counters and the status log stay. */
  prune(now = this.options.now()): number {
    const retainMs = this.options.retainProcessedMs ?? 30 * 24 * 3600_000
    return this.deps.repos.inbox.pruneProcessed(now - retainMs)
  }

  /** Drains now (rows left by a crash) and keeps draining on commits and on a timer. */
  start(): void {
    this.schedule(0)
    this.timer = setInterval(() => this.scheduled || this.run(), this.options.intervalMs ?? 1000)
    this.timer.unref()
  }

  /** Asks for a drain soon; several wake-ups within a few ms become one drain. */
  wake(): void {
    this.lastWake = performance.now()
    this.schedule(5)
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
  }

  private schedule(delayMs: number): void {
    if (this.scheduled || this.stopped) return
    this.scheduled = true
    const go = (): void => {
      this.scheduled = false
      this.run()
    }
    if (delayMs === 0) setImmediate(go)
    else setTimeout(go, delayMs)
  }

  private run(): void {
    if (this.stopped) return
    try {
      const count = this.applySlice()
      // While callbacks keep arriving, leave most of the loop to the receiver (≈ 25% applying);
      // once they stop, the backlog is applied back to back.
      if (count === this.batchSize)
        return this.schedule(performance.now() - this.lastWake < 50 ? BUSY_GAP_MS : 0)
      this.chores()
    } catch (err) {
      // SQLITE_BUSY / FULL: rows stay pending and the next tick tries again.
      this.options.log?.('callback processing failed; will retry', err)
    }
  }

  /**
   * Small transactions for at most `sliceMs`, then the receiver gets the event loop back (acks
   * first, applying in the gaps): a backlog never pushes the p99 of answers up. Returns the size
   * of the last batch (a full one: more is pending).
   */
  private applySlice(): number {
    const started = performance.now()
    const campaigns = new Set<string>()
    let count = this.batchSize
    while (count === this.batchSize && performance.now() - started < this.sliceMs) {
      const batch = this.batches.drainBatch(this.options.now(), this.batchSize)
      count = batch.count
      batch.campaigns.forEach((id) => campaigns.add(id))
    }
    if (campaigns.size) this.options.onApplied?.(campaigns)
    return count
  }

  /** Once the inbox is drained: unmatched retries every 5 s, pruning every minute (timers). */
  private chores(): void {
    const elapsed = performance.now()
    if (elapsed - this.lastRetry >= RETRY_EVERY_MS) {
      this.lastRetry = elapsed
      this.retryUnmatched()
    }
    if (elapsed - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = elapsed
      this.prune()
    }
  }
}
