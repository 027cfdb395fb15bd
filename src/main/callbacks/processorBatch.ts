import type { CallbackInboxRepo, InboxRow } from '../db/repos/callbackInboxRepo'
import type { CallbackUnmatchedRepo } from '../db/repos/callbackUnmatchedRepo'
import { isStorageError } from '../db/storageError'
import type { Transact } from '../db/transactions'
import type { CallbackEvent, StatusEvent } from '../providers/types'
import { applyItem, type ItemAppliers } from './applyItems'
import type { ApplyStatus } from './applyStatus'

/** What applying inbox rows reads and writes through. */
export interface BatchDeps {
  repos: { inbox: CallbackInboxRepo; unmatched: CallbackUnmatchedRepo }
  appliers: ItemAppliers
  applyStatus: ApplyStatus
  transact: Transact
}

/** Callbacks applied per campaign in one slice: how many, and the latest arrival. */
type Touched = Map<string, { n: number; at: number }>

export interface BatchResult {
  count: number
  campaigns: Set<string>
}

function touch(touched: Touched, campaignId: string, at: number): void {
  const t = touched.get(campaignId) ?? { n: 0, at: 0 }
  t.n++
  t.at = Math.max(t.at, at)
  touched.set(campaignId, t)
}

/** Applies every item of one stored callback through its kind's applier. */
function applyRow(appliers: ItemAppliers, row: InboxRow, touched: Touched): void {
  const events = JSON.parse(row.events) as CallbackEvent[]
  const ctx = { providerId: row.provider_id, inboxId: row.id, receivedAt: row.received_at }
  for (const event of events) {
    const campaignId = applyItem(appliers, event, ctx)
    if (campaignId) touch(touched, campaignId, row.received_at)
  }
}

function addInto(sum: Touched, part: Touched): void {
  for (const [id, t] of part) {
    const s = sum.get(id) ?? { n: 0, at: 0 }
    sum.set(id, { n: s.n + t.n, at: Math.max(s.at, t.at) })
  }
}

function countCampaigns(inbox: CallbackInboxRepo, touched: Touched): Set<string> {
  for (const [campaignId, t] of touched) inbox.countCampaign(campaignId, t.n, t.at)
  return new Set(touched.keys())
}

/**
 * The processor's units of work, each one transaction: a slice of inbox rows (fast path: the
 * whole slice at once; after a failure, each row in a savepoint so a failing row is marked with
 * its error), and a retry of unmatched statuses whose message may exist by now.
 */
export function createBatchApplier(
  deps: BatchDeps,
  options: { retryMs: number; log?: (message: string, err?: unknown) => void }
) {
  const { inbox, unmatched } = deps.repos
  const { appliers, transact } = deps

  const applyAll = transact((rows: InboxRow[], now: number) => {
    const touched: Touched = new Map()
    for (const row of rows) {
      applyRow(appliers, row, touched)
      inbox.markDone(row.id, now, null)
    }
    return countCampaigns(inbox, touched)
  })
  const applyOne = transact((row: InboxRow, touched: Touched) => applyRow(appliers, row, touched))
  const applyEach = transact((rows: InboxRow[], now: number) => {
    const touched: Touched = new Map()
    for (const row of rows) {
      let error: string | null = null
      const local: Touched = new Map()
      try {
        applyOne(row, local)
        addInto(touched, local)
      } catch (err) {
        // A full or busy database is no fault of the row: roll back the slice, keep it pending.
        if (isStorageError(err)) throw err
        error = (err as Error).message.slice(0, 500)
        options.log?.(`callback inbox row ${row.id} could not be applied`, err)
      }
      inbox.markDone(row.id, now, error)
    }
    return countCampaigns(inbox, touched)
  })
  const retryUnmatched = transact((now: number): Set<string> => {
    const campaigns = new Set<string>()
    for (const row of unmatched.open(now - options.retryMs, 500)) {
      const event = JSON.parse(row.event) as StatusEvent
      const outcome = deps.applyStatus(event, row.provider_id, row.inbox_id)
      if (!outcome.matched) continue
      unmatched.resolve(row.id, now)
      inbox.countCampaign(outcome.campaignId, 1, row.received_at)
      campaigns.add(outcome.campaignId)
    }
    return campaigns
  })

  return {
    /** Applies up to `limit` pending rows; throws only a storage error (rows stay pending). */
    drainBatch(now: number, limit: number): BatchResult {
      const rows = inbox.pending(limit)
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
    },
    retryUnmatched
  }
}
export type BatchApplier = ReturnType<typeof createBatchApplier>
