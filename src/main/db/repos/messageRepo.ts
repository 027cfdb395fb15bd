import type { DeliveryStatus, DispatchErrorReason } from '../../../shared/domain/dispatch'
import { multiRowInsert } from '../multiRowInsert'
import type { Db } from '../openDb'

/** One qualified user fixed at launch (a control user, a queued target, or one over the limit). */
export interface QualifiedMessage {
  campaignId: string
  contactId: number
  phone: string
  grp: 'target' | 'control'
  seq: number
  ourId: string
  /** JSON array of the filled template parameters (null for control users). */
  params: string | null
  dispatchState: 'control' | 'queued' | 'error'
  dispatchError: DispatchErrorReason | null
  setAsideAt: number | null
  dispatchedAt: number | null
}

/** A message with its whole history already known (the demo generator writes finished campaigns). */
export interface FinishedMessage {
  phone: string
  ourId: string
  grp: string
  dispatchState: string
  dispatchError: string | null
  providerCode: string | null
  providerError: string | null
  attempts: number
  setAsideAt: number | null
  dispatchedAt: number | null
  providerMessageId: string | null
  sentAt: number | null
  status: string | null
  statusSentAt: number | null
  deliveredAt: number | null
  readAt: number | null
  failedAt: number | null
  failureCode: string | null
  failureTitle: string | null
  firstReplyAt: number | null
  replyCount: number
}

/** The answer to one send request, committed in batches by the dispatch writer. */
export type DispatchOutcome =
  | {
      id: number
      kind: 'sent'
      providerMessageId: string
      at: number
      attempts: number
      /** Sent through Meta's Marketing Messages API: its `message_status` (pricing/marketingSends). */
      marketingMessageStatus?: string
    }
  | {
      id: number
      kind: 'error'
      reason: DispatchErrorReason
      code: string | null
      message: string | null
      at: number
      attempts: number
    }
  /**
   * The request may have reached the provider (timeout, reset, 5xx after it was written): the
   * row becomes `unknown` with the reason, dated when the answer was lost (`dispatched_at`; the
   * lookups' deadline runs from there), and is never re-sent blindly.
   */
  | {
      id: number
      kind: 'unknown'
      reason: DispatchErrorReason
      code: string | null
      message: string | null
      at: number
      attempts: number
    }
  /** Back to the queue (credentials refused, or paused while waiting to retry). */
  | { id: number; kind: 'requeue'; attempts: number }

/** The delivery columns of a message, derived from its status log (see `deliveryColumns`). */
export interface DeliveryColumns {
  status: DeliveryStatus | null
  status_sent_at: number | null
  delivered_at: number | null
  read_at: number | null
  failed_at: number | null
  failure_code: string | null
  failure_title: string | null
}

/** A send whose answer was lost, as the lookups need it. */
export interface LostSendRow {
  id: number
  our_id: string
  phone: string
  dispatched_at: number
  provider_id: string
}

/** A row of unknown outcome as the drill-down shows it. */
export interface UnknownOutcomeRow {
  phone: string
  name: string | null
  reason: string | null
  at: number | null
  providerMessage: string | null
}

export type MessageRepo = ReturnType<typeof createMessageRepo>

/** A queued row as dispatch sends it. */
export interface QueuedRow {
  id: number
  phone: string
  our_id: string
  params: string
  attempts: number
  seq: number
}

/**
 * The only writer of `message`: every INSERT and UPDATE of the table lives here, prepared once per
 * connection. The stats triggers watch these columns, so every write stays a plain statement.
 * None of the operations opens a transaction unless its name says it is a batch.
 */
export function createMessageRepo(db: Db) {
  const insertQualified = db.prepare(
    `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, params, dispatch_state,
       dispatch_error, set_aside_at, dispatched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const finishedRows = multiRowInsert(
    db,
    `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, dispatch_state, dispatch_error,
       provider_code, provider_error, attempts, set_aside_at, dispatched_at, provider_message_id, sent_at,
       status, status_sent_at, delivered_at, read_at, failed_at, failure_code, failure_title, first_reply_at, reply_count)`,
    24
  )
  const inFlight = db.prepare(
    `UPDATE message SET dispatch_state = 'in_flight', dispatched_at = ? WHERE id = ? AND dispatch_state = 'queued'`
  )
  const sent = db.prepare(
    `UPDATE message SET dispatch_state = 'sent', provider_message_id = ?, sent_at = ?, attempts = ?,
       dispatch_error = NULL, provider_code = NULL, provider_error = NULL WHERE id = ?`
  )
  const error = db.prepare(
    `UPDATE message SET dispatch_state = 'error', dispatch_error = ?, provider_code = ?,
       provider_error = ?, dispatched_at = ?, attempts = ? WHERE id = ?`
  )
  const unknown = db.prepare(
    `UPDATE message SET dispatch_state = 'unknown', dispatch_error = ?, provider_code = ?,
       provider_error = ?, dispatched_at = ?, attempts = ? WHERE id = ?`
  )
  const requeue = db.prepare(
    `UPDATE message SET dispatch_state = 'queued', attempts = ? WHERE id = ? AND dispatch_state = 'in_flight'`
  )
  const cancelQueued = db.prepare(
    `UPDATE message SET dispatch_state = 'error', dispatch_error = 'cancelled', dispatched_at = ?
     WHERE id IN (SELECT id FROM message WHERE campaign_id = ? AND dispatch_state = 'queued'
       LIMIT ?)`
  )
  const reconcile = db.prepare<[number, number]>(
    `UPDATE message SET dispatch_state = 'sent', sent_at = COALESCE(sent_at, ?),
       dispatch_error = NULL, provider_code = NULL, provider_error = NULL
     WHERE id = ? AND (dispatch_state = 'unknown'
       OR (dispatch_state = 'error' AND dispatch_error IN ('timeout', 'network')))`
  )
  const interrupted = db.prepare(
    `UPDATE message SET dispatch_state = 'unknown' WHERE dispatch_state = 'in_flight'`
  )
  const fillProviderId = db.prepare(
    'UPDATE message SET provider_message_id = ? WHERE id = ? AND provider_message_id IS NULL'
  )
  const delivery = db.prepare(
    `UPDATE message SET status = ?, status_sent_at = ?, delivered_at = ?, read_at = ?, failed_at = ?,
       failure_code = ?, failure_title = ? WHERE id = ?`
  )
  const replies = db.prepare(
    `UPDATE message SET reply_count = ?, first_reply_at = ?
     WHERE id = ? AND (reply_count IS NOT ? OR first_reply_at IS NOT ?)`
  )

  // Sends whose answer was lost, recent enough to look up: message_by_dispatch, one campaign.
  const lostSends = db.prepare<[string, number, number], LostSendRow>(
    `SELECT m.id, m.our_id, m.phone, m.dispatched_at, c.provider_id FROM message m
     JOIN campaign c ON c.id = m.campaign_id
     WHERE m.campaign_id = ? AND m.dispatch_state = 'unknown' AND m.dispatched_at >= ?
     ORDER BY m.seq LIMIT ?`
  )
  const knownProviderId = db.prepare<[string, string], { one: number }>(
    `SELECT 1 AS one FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.provider_message_id = ? AND c.provider_id = ? LIMIT 1`
  )
  const campaignsWithLost = db.prepare<[], { id: string }>(
    `SELECT id FROM campaign c
     WHERE EXISTS (SELECT 1 FROM message WHERE campaign_id = c.id AND dispatch_state = 'unknown')`
  )
  const unknownPage = db.prepare<[string, number, number], UnknownOutcomeRow>(
    `SELECT m.phone, c.name, m.dispatch_error AS reason, m.dispatched_at AS at,
       NULLIF(TRIM(COALESCE(m.provider_code || ': ', '') || COALESCE(m.provider_error, '')), '')
         AS providerMessage
     FROM message m LEFT JOIN contact c ON c.id = m.contact_id
     WHERE m.campaign_id = ? AND m.dispatch_state = 'unknown' ORDER BY m.seq LIMIT ? OFFSET ?`
  )
  const unknownCounts = db.prepare<[number, string], { total: number; checking: number }>(
    `SELECT COUNT(*) AS total, COALESCE(SUM(dispatched_at >= ?), 0) AS checking FROM message
     WHERE campaign_id = ? AND dispatch_state = 'unknown'`
  )
  const resendUnknown = db.prepare<[string, number, number]>(
    `UPDATE message SET dispatch_state = 'queued', dispatch_error = NULL, provider_code = NULL,
       provider_error = NULL
     WHERE id IN (SELECT id FROM message WHERE campaign_id = ? AND dispatch_state = 'unknown'
       AND dispatched_at < ? LIMIT ?)`
  )

  // The Sandbox's reads: a sent row's campaign and contact, and control rows after a cursor.
  const byOurId = db.prepare<[string], { campaign_id: string; contact_id: number }>(
    'SELECT campaign_id, contact_id FROM message WHERE our_id = ?'
  )
  const controlPage = db.prepare<[string, number, number], { seq: number; contact_id: number }>(
    `SELECT seq, contact_id FROM message
     WHERE campaign_id = ? AND dispatch_state = 'control' AND seq > ? ORDER BY seq LIMIT ?`
  )

  // Two index probes on message_by_dispatch (campaign_id, dispatch_state, seq), whatever the size.
  // Dispatch's next rows to send: a campaign's queued rows after a seq, in seq order.
  const queuedPage = db.prepare<[string, number, number], QueuedRow>(
    `SELECT id, phone, our_id, params, attempts, seq FROM message
     WHERE campaign_id = ? AND dispatch_state = 'queued' AND seq > ? ORDER BY seq LIMIT ?`
  )
  const unsettled = db.prepare<[string, string], { queued: number; in_flight: number }>(
    `SELECT EXISTS (SELECT 1 FROM message WHERE campaign_id = ? AND dispatch_state = 'queued') AS queued,
       EXISTS (SELECT 1 FROM message WHERE campaign_id = ? AND dispatch_state = 'in_flight') AS in_flight`
  )

  const markInFlight = db.transaction((ids: number[], at: number) => {
    for (const id of ids) inFlight.run(at, id)
  })
  const recordOutcomes = db.transaction((outcomes: DispatchOutcome[]) => {
    for (const o of outcomes) {
      if (o.kind === 'sent') sent.run(o.providerMessageId, o.at, o.attempts, o.id)
      else if (o.kind === 'error')
        error.run(o.reason, o.code, o.message?.slice(0, 1000) ?? null, o.at, o.attempts, o.id)
      else if (o.kind === 'unknown')
        unknown.run(o.reason, o.code, o.message?.slice(0, 1000) ?? null, o.at, o.attempts, o.id)
      else requeue.run(o.attempts, o.id)
    }
  })

  const settleLost = db.transaction(
    (row: LostSendRow, providerMessageId: string, andThen: () => void): boolean => {
      if (knownProviderId.get(providerMessageId, row.provider_id) !== undefined) return false
      fillProviderId.run(providerMessageId, row.id)
      if (reconcile.run(row.dispatched_at, row.id).changes === 0) return false
      andThen()
      return true
    }
  )

  return {
    /** Whether the campaign still has rows to send or answers to wait for (decides completion). */
    unsettled(campaignId: string): { queued: boolean; inFlight: boolean } {
      const row = unsettled.get(campaignId, campaignId)!
      return { queued: row.queued === 1, inFlight: row.in_flight === 1 }
    },
    insertQualified(m: QualifiedMessage): void {
      insertQualified.run(
        m.campaignId,
        m.contactId,
        m.phone,
        m.grp,
        m.seq,
        m.ourId,
        m.params,
        m.dispatchState,
        m.dispatchError,
        m.setAsideAt,
        m.dispatchedAt
      )
    },
    /**
     * Writes messages whose whole history is known (bulk loads), many rows per statement, inside
     * one transaction of the caller: `flush` before it commits.
     */
    finishedWriter(campaignId: string) {
      const writer = finishedRows()
      return {
        add(contactId: number, seq: number, m: FinishedMessage): void {
          writer.add([
            campaignId,
            contactId,
            m.phone,
            m.grp,
            seq,
            m.ourId,
            m.dispatchState,
            m.dispatchError,
            m.providerCode,
            m.providerError,
            m.attempts,
            m.setAsideAt,
            m.dispatchedAt,
            m.providerMessageId,
            m.sentAt,
            m.status,
            m.statusSentAt,
            m.deliveredAt,
            m.readAt,
            m.failedAt,
            m.failureCode,
            m.failureTitle,
            m.firstReplyAt,
            m.replyCount
          ])
        },
        flush: (): void => writer.flush()
      }
    },
    /** Up to `limit` queued rows of a campaign after `afterSeq`, in seq order (dispatch's pages). */
    queuedAfter: (campaignId: string, afterSeq: number, limit: number): QueuedRow[] =>
      queuedPage.all(campaignId, afterSeq, limit),
    /** The campaign and contact of the row sent under our id (the Sandbox's goal events). */
    sandboxTarget: (ourId: string) => byOurId.get(ourId),
    /** Up to `limit` control rows of a campaign after `afterSeq`, in seq order (the Sandbox's draw). */
    controlsAfter: (campaignId: string, afterSeq: number, limit: number) =>
      controlPage.all(campaignId, afterSeq, limit),
    /** Queued rows become `in_flight` in one transaction, committed BEFORE the requests leave. */
    markInFlight: (ids: number[], at: number): void => markInFlight(ids, at),
    /** Commits a batch of send outcomes in one transaction (all or nothing). */
    recordOutcomes: (outcomes: DispatchOutcome[]): void => recordOutcomes(outcomes),
    /** Every row of the campaign still queued becomes a `cancelled` dispatch error. */
    /** Up to `limit` queued rows become `cancelled` dispatch errors; returns how many did. */
    cancelQueued: (campaignId: string, at: number, limit: number): number =>
      cancelQueued.run(at, campaignId, limit).changes,
    /**
     * A status proved the provider accepted a row whose outcome we never saw (`unknown`, or a
     * `timeout` / `network` error): it becomes `sent` at `at` unless already set. Refusals the
     * provider answered stay dispatch errors. Returns true when the row changed.
     */
    reconcileUnknown: (messageId: number, at: number): boolean =>
      reconcile.run(at, messageId).changes > 0,
    /** A page of a campaign's rows of unknown outcome, in send order. */
    unknownOutcomes: (campaignId: string, offset: number, limit: number): UnknownOutcomeRow[] =>
      unknownPage.all(campaignId, limit, offset),
    /** How many rows of unknown outcome, and how many are still checked (since `checkedSince`). */
    unknownCounts: (campaignId: string, checkedSince: number) =>
      unknownCounts.get(checkedSince, campaignId)!,
    /** Campaigns with at least one send of unknown outcome. */
    campaignsWithLostSends: (): string[] => campaignsWithLost.all().map((r) => r.id),
    /** A campaign's sends of unknown outcome attempted since `since` (ms), at most `limit`. */
    lostSends: (campaignId: string, since: number, limit: number): LostSendRow[] =>
      lostSends.all(campaignId, since, limit),
    /** Whether a provider message id already belongs to one of our messages on that account. */
    knowsProviderId: (providerId: string, providerMessageId: string): boolean =>
      knownProviderId.get(providerMessageId, providerId) !== undefined,
    /**
     * The operator's explicit resend: up to `limit` rows of unknown outcome attempted before
     * `before` go back to the queue (the recipient may get the message twice). Returns how many.
     */
    requeueUnknown: (campaignId: string, before: number, limit: number): number =>
      resendUnknown.run(campaignId, before, limit).changes,
    /** After a restart: rows left `in_flight` may or may not have left, so they become `unknown`. */
    markInterruptedUnknown: (): number => interrupted.run().changes,
    /**
     * A lost send found in the provider's records settles in one transaction: the provider's id
     * is kept, the row becomes `sent` unless something settled it meanwhile, then `andThen` (the
     * record's status) runs. False when the id is known already or the row was settled.
     */
    settleLostSend: (row: LostSendRow, providerMessageId: string, andThen: () => void): boolean =>
      settleLost(row, providerMessageId, andThen),
    /** Records the provider's id learned from a callback matched by our id. */
    fillProviderId: (messageId: number, providerMessageId: string): void =>
      void fillProviderId.run(providerMessageId, messageId),
    applyDeliveryColumns(messageId: number, c: DeliveryColumns): void {
      delivery.run(
        c.status,
        c.status_sent_at,
        c.delivered_at,
        c.read_at,
        c.failed_at,
        c.failure_code,
        c.failure_title,
        messageId
      )
    },
    /** Sets the reply count and first reply time, writing only when they changed. */
    setReplies: (messageId: number, count: number, firstAt: number | null): void =>
      void replies.run(count, firstAt, messageId, count, firstAt)
  }
}
