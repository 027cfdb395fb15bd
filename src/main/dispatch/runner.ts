import type { MessageRepo } from '../db/repos/messageRepo'
import type { ProviderAccount } from '../providers/providerAccounts'
import type { ProviderAdapter, SendOutcome, SendRequest } from '../providers/types'
import { CircuitBreaker } from './breaker'
import { mayHaveArrived, rejected } from '../providers/http'
import { MAX_RETRIES, retryDelayMs } from './retry'
import { TokenBucket } from './tokenBucket'
import type { DispatchWriter } from './writer'

interface Row {
  id: number
  phone: string
  ourId: string
  params: string[]
  attempts: number
  /** When a retry is due (performance.now() ms). */
  due?: number
  /** The transient failure it is waiting to retry after. */
  last?: Rejected
}

type Rejected = Extract<SendOutcome, { kind: 'rejected' }>

export interface RunnerOptions {
  campaignId: string
  ratePerSecond: number
  template: Omit<SendRequest['template'], 'params'>
  account: ProviderAccount
  adapter: ProviderAdapter
  callbackUrl: () => string | null
  /** Meta: marketing templates through the Marketing Messages API (pricing/marketingRoute). */
  marketingMessagesApi?: boolean
  sendTimeoutMs: number
  retryBaseMs: number
  signal: AbortSignal
  /** The engine's clock: the time of each outcome (its pacing is a timer, performance.now). */
  now(): number
}

export interface RunnerHooks {
  /** The breaker tripped: the dispatcher pauses the campaign with this reason. */
  trip(reason: string): void
  /** One row reached a final state (or went back to the queue). */
  settled(kind: 'sent' | 'error' | 'unknown' | 'requeue'): void
  /** Nothing is buffered, waiting or in flight, and the table has no more queued rows. */
  drained(): void
  /** Settling an answer threw (e.g. pausing on a trip): reported, never an unhandled rejection. */
  failed(err: unknown): void
}

const PAGE = 1000
const REFILL_BELOW = 300

/**
 * Sends one campaign's queued rows in `seq` order, as fast as its own throttle, its concurrency
 * bound and its provider lane allow. Transient failures come back after a backoff; final outcomes
 * go to the batched writer; the breaker can stop it.
 */
export class CampaignRunner {
  readonly bucket: TokenBucket
  readonly maxConcurrency: number
  inFlight = 0
  stopped: 'paused' | 'cancelled' | null = null
  /**
   * Until the first answer arrives only one request is in flight: if the credentials are wrong,
   * exactly one request learns it (slow start, like TCP), instead of a whole concurrency window.
   */
  private probing = true
  private buffer: Row[] = []
  private retries: Row[] = []
  private lastSeq = -1
  private exhausted = false
  private breaker = new CircuitBreaker()

  constructor(
    /** Where the campaign's queued rows are read from, a page at a time. */
    private readonly queued: Pick<MessageRepo, 'queuedAfter'>,
    private writer: DispatchWriter,
    private options: RunnerOptions,
    private hooks: RunnerHooks
  ) {
    this.bucket = new TokenBucket(options.ratePerSecond)
    this.maxConcurrency = Math.min(256, Math.max(8, Math.ceil(options.ratePerSecond * 0.25)))
  }

  get campaignId(): string {
    return this.options.campaignId
  }

  /** How many rows this runner could send right now. */
  capacity(now: number): number {
    if (this.stopped) return 0
    const slots = (this.probing ? 1 : this.maxConcurrency) - this.inFlight
    if (slots <= 0) return 0
    if (this.buffer.length < REFILL_BELOW && !this.exhausted) this.refill()
    const dueRetries = this.retries.filter((r) => (r.due ?? 0) <= now).length
    const ready = this.buffer.length + dueRetries
    if (ready === 0) {
      if (this.exhausted && this.retries.length === 0 && this.inFlight === 0) this.hooks.drained()
      return 0
    }
    return Math.min(slots, ready, this.bucket.available(now))
  }

  /** Sends `n` rows: due retries first, then new rows, which are committed `in_flight` first. */
  dispatch(n: number, now: number): void {
    this.bucket.take(n)
    const batch: Row[] = []
    if (this.retries.length) {
      const due = this.retries.filter((r) => (r.due ?? 0) <= now).slice(0, n)
      this.retries = this.retries.filter((r) => !due.includes(r))
      batch.push(...due)
    }
    const fresh = this.buffer.splice(0, n - batch.length)
    if (fresh.length) this.writer.markInFlight(fresh.map((r) => r.id))
    for (const row of [...batch, ...fresh])
      this.send(row).catch((err: unknown) => this.hooks.failed(err))
  }

  /** Stops sending; rows waiting for a retry go back to the queue (paused) or end (cancelled). */
  stop(kind: 'paused' | 'cancelled'): void {
    this.stopped = kind
    this.buffer = []
    for (const row of this.retries.splice(0)) this.park(row, row.last)
  }

  /**
   * Qualification appended rows, with a higher `seq` than any before: the next refill reads on
   * from where it stopped (a rescan per page re-read the first 1,000 queued rows each time).
   */
  appended(): void {
    this.exhausted = false
  }

  /** Looks for queued rows again from the start (rows may have been re-queued behind us). */
  rescan(): boolean {
    this.lastSeq = -1
    this.exhausted = false
    this.refill()
    return this.buffer.length > 0
  }

  private refill(): void {
    const rows = this.queued.queuedAfter(this.options.campaignId, this.lastSeq, PAGE)
    const known = new Set(this.buffer.map((r) => r.id))
    for (const r of rows) {
      if (known.has(r.id)) continue
      this.buffer.push({
        id: r.id,
        phone: r.phone,
        ourId: r.our_id,
        params: JSON.parse(r.params) as string[],
        attempts: r.attempts
      })
    }
    if (rows.length) this.lastSeq = rows[rows.length - 1]!.seq
    if (rows.length < PAGE) this.exhausted = true
  }

  private async send(row: Row): Promise<void> {
    this.inFlight++
    row.attempts++
    const { account, adapter, template } = this.options
    // Our own deadline on a per-request controller (AbortSignal.any on the run-long signal
    // would keep one dependent signal per request alive).
    const controller = new AbortController()
    const onClose = (): void => controller.abort(this.options.signal.reason)
    this.options.signal.addEventListener('abort', onClose, { once: true })
    const deadline = setTimeout(
      () => controller.abort(new DOMException('Provider request deadline', 'TimeoutError')),
      this.options.sendTimeoutMs
    )
    let outcome: SendOutcome
    try {
      outcome = await adapter.send(
        account,
        {
          ourId: row.ourId,
          to: row.phone,
          template: { ...template, params: row.params },
          callbackUrl: this.options.callbackUrl(),
          marketingMessagesApi: this.options.marketingMessagesApi
        },
        controller.signal
      )
    } catch (err) {
      const message = (err as Error).message ?? String(err)
      // Our deadline fired while the request was out: it may have been accepted (spec §3).
      outcome =
        controller.signal.reason instanceof DOMException
          ? mayHaveArrived('timeout', null, message)
          : rejected('network', null, message, true)
    } finally {
      clearTimeout(deadline)
      this.options.signal.removeEventListener('abort', onClose)
    }
    this.inFlight--
    // Shutdown aborted it: the row stays in_flight and becomes "outcome unknown" on restart.
    if (this.options.signal.aborted) return
    this.settle(row, outcome)
  }

  private settle(row: Row, outcome: SendOutcome): void {
    const at = this.options.now()
    if (outcome.kind === 'accepted' || outcome.reason !== 'auth_failed') this.probing = false
    if (outcome.kind === 'accepted') {
      this.writer.record({
        id: row.id,
        kind: 'sent',
        providerMessageId: outcome.providerMessageId,
        marketingMessageStatus: outcome.marketingMessageStatus,
        at,
        attempts: row.attempts
      })
      this.breaker.success()
      this.hooks.settled('sent')
      return
    }
    if (outcome.mayHaveArrived) {
      // Never retried blindly: "outcome unknown" until a callback carrying our id or a provider
      // lookup settles it (dispatch/unknownOutcomes), or an operator sends it again.
      return this.fail(row, 'unknown', outcome, at)
    }
    if (outcome.reason === 'auth_failed') {
      // Not this recipient's fault: back to the queue so a resume after a fix sends it.
      this.writer.record({ id: row.id, kind: 'requeue', attempts: row.attempts })
      this.hooks.settled('requeue')
      if (!this.stopped) this.hooks.trip(this.breaker.failure(outcome)!)
      return
    }
    if (outcome.retryable && row.attempts <= MAX_RETRIES) {
      if (this.stopped) return this.park(row, outcome)
      row.last = outcome
      row.due =
        performance.now() +
        retryDelayMs(row.attempts, this.options.retryBaseMs, outcome.retryAfterMs)
      this.retries.push(row)
      return
    }
    this.fail(row, 'error', outcome, at)
  }

  /** Records a send that did not end sent (an error, or an outcome unknown) and feeds the breaker. */
  private fail(row: Row, kind: 'error' | 'unknown', outcome: Rejected, at: number): void {
    this.writer.record({
      id: row.id,
      kind,
      reason: outcome.reason,
      code: outcome.providerCode,
      message: outcome.providerMessage,
      at,
      attempts: row.attempts
    })
    this.hooks.settled(kind)
    const reason = this.breaker.failure(outcome)
    if (reason && !this.stopped) this.hooks.trip(reason)
  }

  /** A row that was waiting to retry when the run stopped. */
  private park(row: Row, last?: Rejected): void {
    if (this.stopped === 'cancelled') {
      this.writer.record({
        id: row.id,
        kind: 'error',
        reason: last?.reason ?? 'cancelled',
        code: last?.providerCode ?? null,
        message: last?.providerMessage ?? null,
        at: this.options.now(),
        attempts: row.attempts
      })
      this.hooks.settled('error')
    } else {
      this.writer.record({ id: row.id, kind: 'requeue', attempts: row.attempts })
      this.hooks.settled('requeue')
    }
  }
}
