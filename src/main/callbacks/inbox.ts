import type {
  AcceptedCallback,
  CallbackInboxRepo,
  ProviderCounts,
  Rejection
} from '../db/repos/callbackInboxRepo'
import type { CallbackEvent } from '../providers/types'

export type { RejectReason, Rejection } from '../db/repos/callbackInboxRepo'

interface PendingCallback extends AcceptedCallback {
  events: CallbackEvent[]
  done: (committed: boolean) => void
}

export interface InboxOptions {
  /** Most rows per transaction; a full batch commits at once instead of waiting for the tick. */
  maxBatch?: number
  /** Refusal samples kept (counters are kept forever, samples are pruned). */
  keepRejections?: number
  /** Called after each successful commit of accepted callbacks (wakes the processor). */
  onCommit?: (providerIds: Set<string>, at: number) => void
  log?: (message: string, err?: unknown) => void
}

/**
 * The durable inbox with group commit: accepted callbacks are buffered and written in one
 * transaction per event-loop tick (or per `maxBatch` rows). Each request is answered only after its
 * row is committed; if the commit fails (disk full, busy) the whole batch rolls back and every
 * request in it gets 503, so the provider retries and nothing is half-written.
 */
export function createInbox(repo: CallbackInboxRepo, options: InboxOptions = {}) {
  const maxBatch = options.maxBatch ?? 500
  const keep = options.keepRejections ?? 500

  let queue: PendingCallback[] = []
  let rejections: Rejection[] = []
  let scheduled = false
  let closed = false

  function flush(): void {
    scheduled = false
    if (queue.length) {
      const batch = queue
      queue = []
      let ok = false
      let providers: ProviderCounts | null = null
      try {
        providers = repo.commitAccepted(batch)
        ok = true
      } catch (err) {
        options.log?.(`callback inbox commit of ${batch.length} failed; answering 503`, err)
      }
      for (const p of batch) p.done(ok)
      if (providers && options.onCommit) {
        const at = Math.max(...[...providers.values()].map((c) => c.at))
        options.onCommit(new Set(providers.keys()), at)
      }
    }
    if (rejections.length) {
      const rows = rejections
      rejections = []
      try {
        repo.commitRejections(rows, keep)
      } catch (err) {
        options.log?.('recording refused callbacks failed', err)
      }
    }
  }
  function schedule(): void {
    if (scheduled) return
    scheduled = true
    setImmediate(flush)
  }

  return {
    /** Resolves true once the callback is committed, false if it could not be (answer 503). */
    append(providerId: string, rawBody: Buffer, events: CallbackEvent[], receivedAt: number) {
      return new Promise<boolean>((done) => {
        if (closed) return done(false)
        queue.push({ providerId, receivedAt, rawBody, events, done })
        if (queue.length >= maxBatch) flush()
        else schedule()
      })
    },
    /** Records a refusal; written with the next tick, never delaying any answer. */
    reject(rejection: Rejection): void {
      if (closed) return
      // A flood of refusals is bounded in memory too: keep counting, drop excess samples' bodies.
      if (rejections.length > 10_000) rejection.bodyExcerpt = undefined
      rejections.push(rejection)
      schedule()
    },
    flush,
    close(): void {
      flush()
      closed = true
    }
  }
}
export type Inbox = ReturnType<typeof createInbox>
