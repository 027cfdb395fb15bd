import type { CampaignRunner } from './runner'
import { TokenBucket } from './tokenBucket'

/**
 * One provider account's token bucket, shared by every campaign running on that account, so
 * together they never exceed the provider's rate. Each tick hands tokens to its runners in turn.
 */
export class ProviderLane {
  readonly bucket: TokenBucket
  readonly runners: CampaignRunner[] = []
  private turn = 0

  constructor(ratePerSecond: number) {
    this.bucket = new TokenBucket(ratePerSecond)
  }

  /** 20 ms worth of tokens (at least 8): ticks come every 5 ms, so the rate is never capped. */
  private get maxPerTick(): number {
    return Math.max(8, Math.ceil(this.bucket.perSecond / 50))
  }

  add(runner: CampaignRunner): void {
    if (!this.runners.includes(runner)) this.runners.push(runner)
  }

  remove(runner: CampaignRunner): void {
    const i = this.runners.indexOf(runner)
    if (i >= 0) this.runners.splice(i, 1)
  }

  tick(now: number): void {
    // Tokens saved up while the loop was busy (up to 0.1 s worth) go out over a few ticks instead
    // of one burst of fetches that holds the loop for tens of milliseconds.
    let tokens = Math.min(this.bucket.available(now), this.maxPerTick)
    const count = this.runners.length
    if (count === 0 || tokens <= 0) return
    const order = [...this.runners]
    let share = Math.max(1, Math.floor(tokens / count))
    const start = this.turn
    for (let round = 0; round < 2 && tokens > 0; round++) {
      for (let k = 0; k < count && tokens > 0; k++) {
        const index = (start + k) % count
        const runner = order[index]!
        const n = Math.min(share, tokens, runner.capacity(now))
        if (n <= 0) continue
        runner.dispatch(n, now)
        this.bucket.take(n)
        tokens -= n
        // The next tick starts after the last runner served, so scarce tokens rotate fairly.
        this.turn = (index + 1) % count
      }
      share = tokens
    }
  }
}
