/**
 * A token bucket refilled continuously at `rate` tokens/s. The capacity is a tenth of a second of
 * tokens (at least 2), so a stalled event loop catches up a little but never bursts far above the
 * configured rate. Starts nearly empty so a launch does not open with a burst.
 */
export class TokenBucket {
  private tokens = 1
  private last: number
  private capacity: number

  constructor(
    private rate: number,
    now = performance.now()
  ) {
    this.last = now
    this.capacity = Math.max(2, rate / 10)
  }

  get perSecond(): number {
    return this.rate
  }

  setRate(rate: number): void {
    this.rate = rate
    this.capacity = Math.max(2, rate / 10)
  }

  /** Whole tokens available now. */
  available(now = performance.now()): number {
    const elapsed = Math.max(0, now - this.last) / 1000
    this.last = now
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.rate)
    return Math.floor(this.tokens)
  }

  take(n: number): void {
    this.tokens -= n
  }
}
