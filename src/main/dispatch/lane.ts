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
    const order = [...this.runners]
    if (order.length === 0) return
    this.turn = (this.turn + 1) % order.length
    const rotated = [...order.slice(this.turn), ...order.slice(0, this.turn)]
    let share = Math.max(1, Math.floor(tokens / rotated.length))
    for (let round = 0; round < 2 && tokens > 0; round++) {
      for (const runner of rotated) {
        if (tokens <= 0) break
        const n = Math.min(share, tokens, runner.capacity(now))
        if (n <= 0) continue
        runner.dispatch(n, now)
        this.bucket.take(n)
        tokens -= n
      }
      share = tokens
    }
  }
}
