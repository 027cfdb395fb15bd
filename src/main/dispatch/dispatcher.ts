import { setMaxListeners } from 'node:events'
import type { CampaignStatus } from '../../shared/ipc/routes/campaigns'
import { draftOf, type CampaignRepo } from '../db/repos/campaignRepo'
import type { MarketingSendRecorder } from '../db/repos/marketingSendRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { Kernel } from '../kernel/kernel'
import { callbackUrlOn, type ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import { sendTemplateOf } from '../templates/launch'
import { ProviderLane } from './lane'
import { ProgressTracker } from './progress'
import type { PageResult, QualifyProgress } from './qualify'
import { CampaignRunner } from './runner'
import { createDispatchWriter, type DispatchWriter } from './writer'
import { createCanceller, type Canceller } from './canceller'
import {
  campaignRate,
  FLUSH_EVERY,
  progressEvent,
  PROGRESS_MS,
  STATS_MS,
  TICK_MS,
  type Run
} from './dispatchRun'

/** What the dispatcher reads, writes and sends through, each built once by engine/services. */
export interface DispatcherDeps {
  /** The campaign rows: status (its one writer), counts, the template fixed at launch. */
  campaigns: Pick<CampaignRepo, 'get' | 'setStatus' | 'counts' | 'templateSnapshot'>
  /** The message rows: queued pages, sends marked in flight, outcomes, cancels. */
  messages: Pick<
    MessageRepo,
    'queuedAfter' | 'markInFlight' | 'recordOutcomes' | 'cancelQueued' | 'unsettled'
  >
  /** Where sends through the Marketing Messages API are recorded with their outcome. */
  marketingSends: MarketingSendRecorder
  /** Whether a campaign's messages go through Meta's Marketing Messages API (pricing). */
  marketingApi: (campaignId: string) => boolean
  providers: Pick<ProviderAccounts, 'get'>
  adapterFor: AdapterRegistry
  /** Base of callback URLs: the tunnel's or `--public-url`, else the loopback listener's. */
  callbackBase(): string | null
}

/** What campaigns give dispatch (no import of campaigns/ here: the dependency points down). */
export interface DispatchFeed {
  /** Null once the campaign's audience is fixed; until then it must not complete. */
  qualifying(campaignId: string): QualifyProgress | null
}

export interface DispatcherOptions {
  /** Deadline of one provider request (15 s when not given). */
  sendTimeoutMs?: number
  /** First retry delay, doubling per retry with jitter (1 s when not given). */
  retryBaseMs?: number
}

/**
 * Runs every `running` campaign: one runner per campaign, one lane (token bucket) per provider
 * account, one 5 ms loop that feeds lanes, commits outcomes in batches and emits progress ~4/s.
 * The fields below are all its state; the loop's timings and the pure helpers are in
 * `dispatchRun.ts`, sending one campaign is `CampaignRunner`'s.
 */
export class Dispatcher {
  private readonly writer: DispatchWriter
  private readonly canceller: Canceller
  /** One lane (the account's token bucket) per provider account. */
  private readonly lanes = new Map<string, ProviderLane>()
  private readonly runs = new Map<string, Run>()
  /** Every runner that may still have requests in flight (running, or stopped but answering). */
  private readonly live = new Set<CampaignRunner>()
  private readonly abort = new AbortController()
  private timer: NodeJS.Timeout | null = null
  private ticks = 0
  private lastProgress = 0
  private lastStats = 0

  constructor(
    private readonly kernel: Pick<Kernel, 'log' | 'emit' | 'clock'>,
    private readonly deps: DispatcherDeps,
    private readonly feed: DispatchFeed,
    private readonly options: DispatcherOptions = {}
  ) {
    this.writer = createDispatchWriter(deps.messages, kernel.clock, deps.marketingSends)
    // One listener per request in flight (up to the concurrency bound) is expected, not a leak.
    setMaxListeners(0, this.abort.signal)
    this.canceller = createCanceller(deps.messages, {
      done: (id) => {
        this.emitProgress(id)
        kernel.emit('stats.changed', { campaignId: id })
      },
      failed: (id, err) =>
        kernel.log(
          `dispatch: cancelling the queued rows of ${id} failed; the next start goes on`,
          err
        )
    })
  }

  /** Starts (or restarts) sending a campaign whose row is already `running`. */
  start(id: string): void {
    if (this.runs.has(id)) return
    const row = this.deps.campaigns.get(id)
    if (!row || row.status !== 'running') return
    const draft = draftOf(row)
    const account = this.deps.providers.get(row.provider_id)
    const lane = this.laneOf(account.id, account.ratePerSecond)
    const progress = ProgressTracker.fromDb(this.deps.campaigns, row)
    const run: Run = {
      lane,
      progress,
      checkedAt: -Infinity,
      statsAt: 0,
      runner: null as unknown as CampaignRunner
    }
    run.runner = new CampaignRunner(
      this.deps.messages,
      this.writer,
      {
        campaignId: id,
        ratePerSecond: campaignRate(draft, account),
        template: sendTemplateOf(this.deps.campaigns, id, draft),
        account,
        adapter: this.deps.adapterFor(account.type),
        callbackUrl: () =>
          callbackUrlOn(this.deps.callbackBase(), account.id, account.callbackToken),
        marketingMessagesApi: this.deps.marketingApi(id),
        sendTimeoutMs: this.options.sendTimeoutMs ?? 15_000,
        retryBaseMs: this.options.retryBaseMs ?? 1000,
        signal: this.abort.signal,
        now: () => this.kernel.clock.now()
      },
      {
        trip: (reason) => this.pause(id, reason),
        settled: (kind) => progress.settled(kind),
        drained: () => this.drained(id, run),
        failed: (err) => this.kernel.log(`dispatch: settling a send of campaign ${id} failed`, err)
      }
    )
    this.runs.set(id, run)
    this.live.add(run.runner)
    lane.add(run.runner)
    this.startLoop()
    this.emitProgress(id, progress)
  }

  /** Pauses sending; rows not attempted stay queued. */
  pause(id: string, reason: string | null): void {
    this.detach(id)?.runner.stop('paused')
    this.flush()
    this.setStatus(id, 'paused', reason)
  }

  /** Cancels: every row still queued becomes a `cancelled` dispatch error (in the background). */
  cancel(id: string, now: number): void {
    this.detach(id)?.runner.stop('cancelled')
    this.flush()
    // The cancel's time: the campaign's completed_at and every row it ends (after a restart too).
    this.setStatus(id, 'cancelled', null, now)
    this.canceller.start(id, now)
  }

  /** Engine start: a cancel the last stop interrupted ends its queued rows, dated `at`. */
  finishCancel(id: string, at: number): void {
    if (this.deps.messages.unsettled(id).queued) this.canceller.start(id, at)
  }

  /** Emits the campaign's `campaign.progress` (live numbers while it runs, else from its rows). */
  emitProgress(id: string, tracker?: ProgressTracker): void {
    const row = this.deps.campaigns.get(id)
    if (!row) return
    const numbers = (tracker ?? ProgressTracker.fromDb(this.deps.campaigns, row)).snapshot()
    this.kernel.emit('campaign.progress', progressEvent(row, numbers, this.feed.qualifying(id)))
  }

  /** A qualification page added rows: the live progress counts them, the runner finds them. */
  grew(id: string, page: PageResult): void {
    const run = this.runs.get(id)
    if (!run) return
    run.progress.grew(page)
    run.runner.appended()
  }

  progressOf(id: string) {
    const run = this.runs.get(id)
    const row = this.deps.campaigns.get(id)
    if (!row) return null
    return (run?.progress ?? ProgressTracker.fromDb(this.deps.campaigns, row)).snapshot()
  }

  /** Stops sending, waits briefly for requests in flight, then aborts the rest. */
  async close(): Promise<void> {
    for (const id of [...this.runs.keys()]) this.detach(id)?.runner.stop('paused')
    this.stopLoop()
    await this.canceller.stop()
    const deadline = performance.now() + 3000
    while (performance.now() < deadline && [...this.live].some((r) => r.inFlight > 0)) {
      await new Promise((r) => setTimeout(r, 20))
    }
    this.abort.abort(new Error('engine closing'))
    this.flush()
  }

  /** The account's lane, made on its first campaign; its rate follows the account's. */
  private laneOf(accountId: string, ratePerSecond: number): ProviderLane {
    let lane = this.lanes.get(accountId)
    if (!lane) this.lanes.set(accountId, (lane = new ProviderLane(ratePerSecond)))
    else lane.bucket.setRate(ratePerSecond)
    return lane
  }

  private flush(): void {
    try {
      this.writer.flush()
    } catch (err) {
      this.kernel.log(
        'dispatch: could not commit outcomes; they are kept and retried on the next flush',
        err
      )
    }
  }

  // A throw escaping the interval would crash `serve`; log it and keep the loop alive.
  private loop(): void {
    try {
      this.tick()
    } catch (err) {
      this.kernel.log('dispatch: loop tick failed', err)
    }
  }

  private tick(): void {
    const now = performance.now()
    for (const lane of this.lanes.values()) lane.tick(now)
    if (++this.ticks % FLUSH_EVERY === 0) this.flush()
    if (now - this.lastProgress >= PROGRESS_MS) {
      this.lastProgress = now
      for (const [id, run] of this.runs) this.emitProgress(id, run.progress)
      if (now - this.lastStats >= STATS_MS) {
        this.lastStats = now
        for (const [id, run] of this.runs) {
          const done = run.progress.done()
          if (done !== run.statsAt) this.kernel.emit('stats.changed', { campaignId: id })
          run.statsAt = done
        }
      }
    }
    for (const r of this.live) if (r.stopped && r.inFlight === 0) this.live.delete(r)
    // Keep ticking while stopped runs still have answers to come: their outcomes need a commit.
    if (this.runs.size === 0 && this.live.size === 0 && this.writer.pendingCount() === 0)
      this.stopLoop()
  }

  private startLoop(): void {
    this.timer ??= setInterval(() => this.loop(), TICK_MS)
  }

  private stopLoop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private detach(id: string): Run | undefined {
    const run = this.runs.get(id)
    if (!run) return undefined
    this.runs.delete(id)
    run.lane.remove(run.runner)
    return run
  }

  private drained(id: string, run: Run): void {
    // Checked at most ~4/s: rows still in flight for an earlier run (pause then quick resume)
    // would otherwise make every 5 ms tick count the campaign's rows.
    const now = performance.now()
    if (now - run.checkedAt < PROGRESS_MS) return
    run.checkedAt = now
    this.flush()
    // Still qualifying: more rows are coming; look for them again at the next check.
    if (this.feed.qualifying(id)) return void run.runner.rescan()
    // Decided from the message rows themselves, never from the stats counters derived from them.
    const left = this.deps.messages.unsettled(id)
    if (left.queued && run.runner.rescan()) return
    if (left.inFlight || run.runner.inFlight > 0) return
    this.detach(id)?.runner.stop('paused')
    this.setStatus(id, 'completed')
  }

  private setStatus(
    id: string,
    status: CampaignStatus,
    reason: string | null = null,
    at = this.kernel.clock.now()
  ): void {
    this.deps.campaigns.setStatus(id, status, reason, at)
    this.emitProgress(id, this.runs.get(id)?.progress)
  }
}
