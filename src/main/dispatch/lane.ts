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

  add(runner: CampaignRunner): void {
    if (!this.runners.includes(runner)) this.runners.push(runner)
  }

  remove(runner: CampaignRunner): void {
    const i = this.runners.indexOf(runner)
    if (i >= 0) this.runners.splice(i, 1)
  }

  tick(now: number): void {
    let tokens = this.bucket.available(now)
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
