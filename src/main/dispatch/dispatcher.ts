import { setMaxListeners } from 'node:events'
import type { CampaignStatus } from '../../shared/ipc/routes/campaigns'
import { draftOf, type CampaignRepo } from '../db/repos/campaignRepo'
import type { MarketingSendRecorder } from '../db/repos/marketingSendRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import { sendTemplateOf } from '../templates/launch'
import { createCanceller } from './canceller'
import { ProviderLane } from './lane'
import { ProgressTracker } from './progress'
import { visibleStatus, type PageResult, type QualifyProgress } from './qualify'
import { CampaignRunner } from './runner'
import { createDispatchWriter } from './writer'
import { urlOn } from '../http/url'
import { callbackPathOf } from '../providers/providerAccounts'

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

const TICK_MS = 5
const FLUSH_EVERY = 4
const PROGRESS_MS = 250

interface Run {
  runner: CampaignRunner
  lane: ProviderLane
  progress: ProgressTracker
  checkedAt: number
  /** Rows settled when `stats.changed` was last emitted. */
  statsAt: number
}

/**
 * Runs every `running` campaign: one runner per campaign, one lane (token bucket) per provider
 * account, one 5 ms loop that feeds lanes, commits outcomes in batches and emits progress ~4/s.
 */
export function createDispatcher(
  kernel: Pick<Kernel, 'log' | 'emit'>,
  deps: DispatcherDeps,
  feed: DispatchFeed,
  options: DispatcherOptions
) {
  const { log, emit } = kernel
  const { campaigns: repo, messages } = deps
  const writer = createDispatchWriter(messages, deps.marketingSends)
  const lanes = new Map<string, ProviderLane>()
  const runs = new Map<string, Run>()
  /** Every runner that may still have requests in flight (running, or stopped but answering). */
  const live = new Set<CampaignRunner>()
  const abort = new AbortController()
  // One listener per request in flight (up to the concurrency bound) is expected, not a leak.
  setMaxListeners(0, abort.signal)
  const canceller = createCanceller(messages, {
    done(id) {
      emitProgress(id)
      emit('stats.changed', { campaignId: id })
    },
    failed: (id, err) =>
      log(`dispatch: cancelling the queued rows of ${id} failed; the next start goes on`, err)
  })
  let timer: NodeJS.Timeout | null = null
  let ticks = 0
  let lastProgress = 0
  let lastStats = 0

  function flush(): void {
    try {
      writer.flush()
    } catch (err) {
      log('dispatch: could not commit outcomes; they are kept and retried on the next flush', err)
    }
  }

  // A throw escaping the interval would crash `serve`; log it and keep the loop alive.
  function loop(): void {
    try {
      tick()
    } catch (err) {
      log('dispatch: loop tick failed', err)
    }
  }
  function tick(): void {
    const now = performance.now()
    for (const lane of lanes.values()) lane.tick(now)
    if (++ticks % FLUSH_EVERY === 0) flush()
    if (now - lastProgress >= PROGRESS_MS) {
      lastProgress = now
      for (const [id, run] of runs) emitProgress(id, run.progress)
      // Sent counts change the stats too; once a second is plenty beside callback updates.
      if (now - lastStats >= 1000) {
        lastStats = now
        for (const [id, run] of runs) {
          const done = run.progress.done()
          if (done !== run.statsAt) emit('stats.changed', { campaignId: id })
          run.statsAt = done
        }
      }
    }
    for (const r of live) if (r.stopped && r.inFlight === 0) live.delete(r)
    // Keep ticking while stopped runs still have answers to come: their outcomes need a commit.
    if (runs.size === 0 && live.size === 0 && writer.pendingCount() === 0) stopLoop()
  }
  function startLoop(): void {
    timer ??= setInterval(loop, TICK_MS)
  }
  function stopLoop(): void {
    if (timer) clearInterval(timer)
    timer = null
  }

  function emitProgress(id: string, tracker?: ProgressTracker): void {
    const row = repo.get(id)
    if (!row) return
    const p = tracker ? tracker.snapshot() : ProgressTracker.fromDb(repo, row).snapshot()
    const qualifying = feed.qualifying(id)
    emit('campaign.progress', {
      campaignId: id,
      status: visibleStatus(row.status, qualifying !== null),
      ...(qualifying ? { qualifying } : {}),
      ...p,
      ...(row.paused_reason ? { pausedReason: row.paused_reason } : {})
    })
  }

  function detach(id: string): Run | undefined {
    const run = runs.get(id)
    if (!run) return undefined
    runs.delete(id)
    run.lane.remove(run.runner)
    return run
  }

  function drained(id: string, run: Run): void {
    // Checked at most ~4/s: rows still in flight for an earlier run (pause then quick resume)
    // would otherwise make every 5 ms tick count the campaign's rows.
    const now = performance.now()
    if (now - run.checkedAt < PROGRESS_MS) return
    run.checkedAt = now
    flush()
    // Still qualifying: more rows are coming; look for them again at the next check.
    if (feed.qualifying(id)) return void run.runner.rescan()
    // Decided from the message rows themselves, never from the stats counters derived from them.
    const left = messages.unsettled(id)
    if (left.queued && run.runner.rescan()) return
    if (left.inFlight || run.runner.inFlight > 0) return
    detach(id)?.runner.stop('paused')
    setStatus(id, 'completed')
  }

  function setStatus(
    id: string,
    status: CampaignStatus,
    reason: string | null = null,
    at = Date.now()
  ): void {
    repo.setStatus(id, status, reason, at)
    emitProgress(id, runs.get(id)?.progress)
  }

  const api = {
    /** Starts (or restarts) sending a campaign whose row is already `running`. */
    start(id: string): void {
      if (runs.has(id)) return
      const row = repo.get(id)
      if (!row || row.status !== 'running') return
      const draft = draftOf(row)
      const account = deps.providers.get(row.provider_id)
      const rate = Math.min(draft.ratePerSecond ?? account.ratePerSecond, account.ratePerSecond)
      let lane = lanes.get(account.id)
      if (!lane) lanes.set(account.id, (lane = new ProviderLane(account.ratePerSecond)))
      else lane.bucket.setRate(account.ratePerSecond)
      const progress = ProgressTracker.fromDb(repo, row)
      const callbackUrl = (): string | null => {
        const base = deps.callbackBase()
        return base ? urlOn(base, callbackPathOf(account.id, account.callbackToken)) : null
      }
      const run: Run = {
        lane,
        progress,
        checkedAt: -Infinity,
        statsAt: 0,
        runner: null as unknown as CampaignRunner
      }
      run.runner = new CampaignRunner(
        messages,
        writer,
        {
          campaignId: id,
          ratePerSecond: rate,
          template: sendTemplateOf(repo, id, draft),
          account,
          adapter: deps.adapterFor(account.type),
          callbackUrl,
          marketingMessagesApi: deps.marketingApi(id),
          sendTimeoutMs: options.sendTimeoutMs ?? 15_000,
          retryBaseMs: options.retryBaseMs ?? 1000,
          signal: abort.signal
        },
        {
          trip: (reason) => api.pause(id, reason),
          settled: (kind) => progress.settled(kind),
          drained: () => drained(id, run),
          failed: (err) => log(`dispatch: settling a send of campaign ${id} failed`, err)
        }
      )
      runs.set(id, run)
      live.add(run.runner)
      lane.add(run.runner)
      startLoop()
      emitProgress(id, progress)
    },

    /** Pauses sending; rows not attempted stay queued. */
    pause(id: string, reason: string | null): void {
      detach(id)?.runner.stop('paused')
      flush()
      setStatus(id, 'paused', reason)
    },

    /** Cancels: every row still queued becomes a `cancelled` dispatch error (in the background). */
    cancel(id: string, now = Date.now()): void {
      detach(id)?.runner.stop('cancelled')
      flush()
      // The cancel's time: the campaign's completed_at and every row it ends (after a restart too).
      setStatus(id, 'cancelled', null, now)
      canceller.start(id, now)
    },
    /** Engine start: a cancel the last stop interrupted ends its queued rows, dated `at`. */
    finishCancel(id: string, at: number): void {
      if (messages.unsettled(id).queued) canceller.start(id, at)
    },

    emitProgress,
    /** A qualification page added rows: the live progress counts them, the runner finds them. */
    grew(id: string, page: PageResult): void {
      const run = runs.get(id)
      if (!run) return
      run.progress.grew(page)
      run.runner.appended()
    },
    progressOf(id: string) {
      const run = runs.get(id)
      const row = repo.get(id)
      if (!row) return null
      return (run?.progress ?? ProgressTracker.fromDb(repo, row)).snapshot()
    },

    /** Stops sending, waits briefly for requests in flight, then aborts the rest. */
    async close(): Promise<void> {
      for (const id of [...runs.keys()]) detach(id)?.runner.stop('paused')
      stopLoop()
      await canceller.stop()
      const deadline = Date.now() + 3000
      while (Date.now() < deadline && [...live].some((r) => r.inFlight > 0)) {
        await new Promise((r) => setTimeout(r, 20))
      }
      abort.abort(new Error('engine closing'))
      flush()
    }
  }
  return api
}
export type Dispatcher = ReturnType<typeof createDispatcher>
