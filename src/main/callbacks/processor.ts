import type { Db } from '../db/openDb'
import type { MessageRepo } from '../db/repos/messageRepo'
import { isStorageError } from '../db/storageError'
import type { CallbackEvent, StatusEvent } from '../providers/types'
import type { TemplateChanged } from './applyTemplateItem'
import { applyItem, createItemAppliers } from './applyItems'
import { createStatusApplier } from './applyStatus'

export interface ProcessorOptions {
  /** Writes the message state the callbacks change. */
  messages: MessageRepo
  /** Campaigns whose message state changed in the last applied batch. */
  onApplied?: (campaignIds: Set<string>) => void
  /** A template webhook changed a template (status, quality, category). */
  onTemplate?: (change: TemplateChanged) => void
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
}

/** Pause between slices while callbacks are arriving. */
const BUSY_GAP_MS = 12

interface InboxRow {
  id: number
  provider_id: string
  received_at: number
  events: string
}

interface UnmatchedRow {
  id: number
  provider_id: string
  inbox_id: number
  event: string
  received_at: number
}

/**
 * Applies committed inbox rows to message state after the 2xx was sent. Runs on start (rows left
 * by a crash between answer and processing), after every inbox commit, and on a timer. Each row
 * is applied in a savepoint: a row that fails is marked with its error instead of blocking the rest.
 */
export function createProcessor(db: Db, options: ProcessorOptions) {
  const batchSize = options.batchSize ?? 10
  const sliceMs = options.sliceMs ?? 4
  const retryMs = options.unmatchedRetryMs ?? 15 * 60_000
  const applyStatus = createStatusApplier(db, options.messages)
  const appliers = createItemAppliers(db, options.messages, options.onTemplate)
  const pending = db.prepare<[number], InboxRow>(
    `SELECT id, provider_id, received_at, events FROM callback_inbox
     WHERE processed_at IS NULL ORDER BY id LIMIT ?`
  )
  const markDone = db.prepare('UPDATE callback_inbox SET processed_at = ?, error = ? WHERE id = ?')
  const openUnmatched = db.prepare<[number, number], UnmatchedRow>(
    `SELECT id, provider_id, inbox_id, event, received_at FROM callback_unmatched
     WHERE resolved_at IS NULL AND received_at > ? ORDER BY id LIMIT ?`
  )
  const resolve = db.prepare('UPDATE callback_unmatched SET resolved_at = ? WHERE id = ?')
  // Oldest rows first by id; stops at the first row still pending or too young (no full scan).
  const oldest = db.prepare<[], { id: number; processed_at: number | null }>(
    'SELECT id, processed_at FROM callback_inbox ORDER BY id LIMIT 1000'
  )
  const remove = db.prepare('DELETE FROM callback_inbox WHERE id <= ?')
  const countCampaign = db.prepare(
    `INSERT INTO callback_campaign_counter (campaign_id, received, last_at) VALUES (?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE
       SET received = received + excluded.received, last_at = MAX(last_at, excluded.last_at)`
  )

  function applyRow(row: InboxRow, touched: Map<string, { n: number; at: number }>): void {
    const events = JSON.parse(row.events) as CallbackEvent[]
    const touch = (campaignId: string): void => {
      const t = touched.get(campaignId) ?? { n: 0, at: 0 }
      t.n++
      t.at = Math.max(t.at, row.received_at)
      touched.set(campaignId, t)
    }
    const ctx = { providerId: row.provider_id, inboxId: row.id, receivedAt: row.received_at }
    for (const event of events) {
      const campaignId = applyItem(appliers, event, ctx)
      if (campaignId) touch(campaignId)
    }
  }
  type Touched = Map<string, { n: number; at: number }>
  function finish(touched: Touched): Set<string> {
    for (const [campaignId, t] of touched) countCampaign.run(campaignId, t.n, t.at)
    return new Set(touched.keys())
  }
  // Fast path: the whole slice in one transaction, no per-row savepoints.
  const applyAll = db.transaction((rows: InboxRow[], now: number) => {
    const touched: Touched = new Map()
    for (const row of rows) {
      applyRow(row, touched)
      markDone.run(now, null, row.id)
    }
    return finish(touched)
  })
  // Slow path after a failure: each row in a savepoint, a failing row is marked with its error.
  const applyOne = db.transaction(applyRow)
  const applyEach = db.transaction((rows: InboxRow[], now: number) => {
    const touched: Touched = new Map()
    for (const row of rows) {
      let error: string | null = null
      const local: Touched = new Map()
      try {
        applyOne(row, local)
        for (const [id, t] of local) {
          const sum = touched.get(id) ?? { n: 0, at: 0 }
          touched.set(id, { n: sum.n + t.n, at: Math.max(sum.at, t.at) })
        }
      } catch (err) {
        // A full or busy database is no fault of the row: roll back the slice, keep it pending.
        if (isStorageError(err)) throw err
        error = (err as Error).message.slice(0, 500)
        options.log?.(`callback inbox row ${row.id} could not be applied`, err)
      }
      markDone.run(now, error, row.id)
    }
    return finish(touched)
  })
  function drainBatch(now: number): { count: number; campaigns: Set<string> } {
    const rows = pending.all(batchSize)
    if (rows.length === 0) return { count: 0, campaigns: new Set() }
    let campaigns: Set<string>
    try {
      campaigns = applyAll(rows, now)
    } catch (err) {
      // Disk full / busy: thrown to the caller, the rows stay pending for the next tick. Anything
      // else is a row that cannot be applied: find it by applying the slice row by row.
      if (isStorageError(err)) throw err
      options.log?.('an inbox slice failed; applying its rows one by one', err)
      campaigns = applyEach(rows, now)
    }
    return { count: rows.length, campaigns }
  }

  const retryBatch = db.transaction((now: number) => {
    const campaigns = new Set<string>()
    for (const row of openUnmatched.all(now - retryMs, 500)) {
      const outcome = applyStatus(
        JSON.parse(row.event) as StatusEvent,
        row.provider_id,
        row.inbox_id
      )
      if (!outcome.matched) continue
      resolve.run(now, row.id)
      countCampaign.run(outcome.campaignId, 1, row.received_at)
      campaigns.add(outcome.campaignId)
    }
    return campaigns
  })

  /** Applies everything pending now; returns how many inbox rows were applied. */
  function drain(now = Date.now()): number {
    let total = 0
    for (;;) {
      const { count, campaigns } = drainBatch(now)
      total += count
      if (campaigns.size) options.onApplied?.(campaigns)
      if (count < batchSize) return total
    }
  }
  /** Re-tries unmatched statuses whose message may exist by now. */
  function retryUnmatched(now = Date.now()): void {
    const campaigns = retryBatch(now)
    if (campaigns.size) options.onApplied?.(campaigns)
  }

  /** Deletes applied inbox rows older than the retention; counters and the status log stay. */
  function prune(now = Date.now()): number {
    const cutoff = now - (options.retainProcessedMs ?? 30 * 24 * 3600_000)
    let last = 0
    for (const row of oldest.all()) {
      if (row.processed_at === null || row.processed_at >= cutoff) break
      last = row.id
    }
    return last ? remove.run(last).changes : 0
  }

  let lastPrune = 0
  let scheduled = false
  let lastWake = 0
  let timer: NodeJS.Timeout | null = null
  let lastRetry = 0
  let stopped = false
  function schedule(delayMs: number): void {
    if (scheduled || stopped) return
    scheduled = true
    const go = (): void => {
      scheduled = false
      run()
    }
    if (delayMs === 0) setImmediate(go)
    else setTimeout(go, delayMs)
  }
  function run(): void {
    if (stopped) return
    try {
      // Small transactions for at most `sliceMs`, then the receiver gets the event loop back
      // (acks first, applying in the gaps): a backlog never pushes the p99 of answers up.
      const started = performance.now()
      const campaigns = new Set<string>()
      let count = batchSize
      while (count === batchSize && performance.now() - started < sliceMs) {
        const batch = drainBatch(Date.now())
        count = batch.count
        batch.campaigns.forEach((id) => campaigns.add(id))
      }
      if (campaigns.size) options.onApplied?.(campaigns)
      // While callbacks keep arriving, leave most of the loop to the receiver (≈ 25% applying);
      // once they stop, the backlog is applied back to back.
      if (count === batchSize) return schedule(Date.now() - lastWake < 50 ? BUSY_GAP_MS : 0)
      const now = Date.now()
      if (now - lastRetry >= 5000) {
        lastRetry = now
        retryUnmatched(now)
      }
      if (now - lastPrune >= 60_000) {
        lastPrune = now
        prune(now)
      }
    } catch (err) {
      // SQLITE_BUSY / FULL: rows stay pending and the next tick tries again.
      options.log?.('callback processing failed; will retry', err)
    }
  }

  return {
    drain,
    retryUnmatched,
    prune,
    /** Drains now (rows left by a crash) and keeps draining on commits and on a timer. */
    start(): void {
      schedule(0)
      timer = setInterval(() => scheduled || run(), options.intervalMs ?? 1000)
      timer.unref()
    },
    /** Asks for a drain soon; several wake-ups within a few ms become one drain. */
    wake(): void {
      lastWake = Date.now()
      schedule(5)
    },
    stop(): void {
      stopped = true
      if (timer) clearInterval(timer)
    }
  }
}
