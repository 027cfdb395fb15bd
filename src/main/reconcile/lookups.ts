import type { Transact } from '../db/transactions'
import type { ApplyStatus } from '../callbacks/applyStatus'
import type { CallBudget } from '../providers/callBudget'
import type { LookupFailure, LookupRef } from '../providers/lookup'
import type { ProviderAccount } from '../providers/providerAccounts'
import type { ProviderAdapter, StatusEvent } from '../providers/types'
import type { ReconcileRepo } from '../db/repos/reconcileRepo'

/** What a lookup run reads and writes, each built once by the composition root. */
export interface LookupRunDeps {
  /** One page's applied reports and its filled count commit together. */
  transact: Transact
  /** The one status applier (callbacks/applyStatus): lookups change states only through it. */
  applyStatus: ApplyStatus
  /** The messages awaiting a report (paged) and the `lookup_counter`. */
  repo: Pick<ReconcileRepo, 'awaitingPage' | 'countFilled'>
  /** The engine's clock (the counter's last fill time). */
  now: () => number
}

export interface LookupRunOptions {
  /** Lookups per second against one provider (Twilio documents no fixed per-second limit for
   * reads, only concurrency; this stays far below it). */
  perSecond?: number
  pageSize?: number
}

export interface LookupRun {
  /** Records the provider returned (found, whatever their state). */
  fetched: number
  /** Messages awaiting a report that now have one. */
  filled: number
  /** Why the run stopped early; null when every awaiting message was asked about. */
  failure: LookupFailure | null
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/**
 * Asks the provider about each message of a campaign still awaiting a report, paced, one page of
 * messages at a time, and applies what it says through the one status applier with source
 * `lookup` (so the same rules hold as for callbacks: best evidence wins, duplicates change
 * nothing). A refusal, a rate limit or an unreachable provider stops the run and is returned for
 * the caller to record; it is never thrown.
 */
export function createLookupRunner(
  { transact, applyStatus, repo, now }: LookupRunDeps,
  options: LookupRunOptions = {}
) {
  const perSecond = options.perSecond ?? 20
  const pageSize = options.pageSize ?? 100
  const applyPage = transact(
    (events: StatusEvent[], providerId: string, campaignId: string, now: number): number => {
      let filled = 0
      for (const event of events) {
        const outcome = applyStatus(event, providerId, null, 'lookup')
        if (outcome.matched && outcome.filled) filled++
      }
      repo.countFilled(campaignId, filled, now)
      return filled
    }
  )

  /** One message a request, paced (Twilio's Message resource). */
  async function oneByOne(
    account: ProviderAccount,
    adapter: ProviderAdapter,
    page: LookupRef[],
    found: StatusEvent[],
    result: LookupRun,
    signal: AbortSignal
  ): Promise<void> {
    for (const ref of page) {
      if (signal.aborted || !adapter.lookupMessage) return
      const answer = await adapter.lookupMessage(account, ref, signal)
      if (answer.kind === 'found') {
        result.fetched++
        found.push(...answer.events)
      } else if (answer.kind !== 'not_found') {
        result.failure = answer
        return
      }
      await sleep(1000 / perSecond, signal)
    }
  }

  return async function run(
    account: ProviderAccount,
    adapter: ProviderAdapter,
    campaignId: string,
    signal: AbortSignal,
    budget: CallBudget
  ): Promise<LookupRun> {
    const result: LookupRun = { fetched: 0, filled: 0, failure: null }
    if (!adapter.lookupMessage && !adapter.lookupMessages) return result
    let cursor = { sentAt: Number.MIN_SAFE_INTEGER, id: 0 }
    for (;;) {
      const page = repo.awaitingPage(campaignId, cursor, pageSize)
      if (page.length === 0 || signal.aborted) return result
      const found: StatusEvent[] = []
      if (adapter.lookupMessages) {
        // The batch form: the provider answers the whole page (within its documented limit).
        const answer = await adapter.lookupMessages(account, page, signal, budget, now())
        if (answer.kind === 'found') {
          result.fetched += answer.records
          found.push(...answer.events)
        } else result.failure = answer
      } else await oneByOne(account, adapter, page, found, result, signal)
      if (found.length) result.filled += applyPage(found, account.id, campaignId, now())
      if (result.failure || page.length < pageSize) return result
      const last = page[page.length - 1]!
      cursor = { sentAt: last.sentAt, id: last.id }
    }
  }
}
