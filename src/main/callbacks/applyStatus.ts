import type { DeliveryStatus } from '../../shared/domain/dispatch'
import type { DeliveryColumns, MessageRepo } from '../db/repos/messageRepo'
import type {
  MessageStatusLogRepo,
  StatusLogRow,
  StatusTarget
} from '../db/repos/messageStatusLogRepo'
import type { ReportedPricing } from '../../shared/domain/reportedPricing'
import type { StatusEvent } from '../providers/types'

/**
 * The delivery columns of a message as a pure function of its status log (spec §4), so any arrival
 * order and any duplicates give the same row: read ⇒ delivered (delivered_at = the delivered time
 * if reported, else the read time); delivered/read beat failed; else failed; else sent.
 * failure_code/title/failed_at describe the (earliest) failure only while the message IS failed;
 * once a delivery wins they are cleared on the row (stats count delivery errors from them) and the
 * failure stays in message_status_log.
 */
export function deliveryColumns(log: StatusLogRow[]): DeliveryColumns {
  const by = new Map(log.map((r) => [r.status, r]))
  const sent = by.get('sent')
  const delivered = by.get('delivered')
  const read = by.get('read')
  const failed = by.get('failed')
  const status: DeliveryStatus | null = read
    ? 'read'
    : delivered
      ? 'delivered'
      : failed
        ? 'failed'
        : sent
          ? 'sent'
          : null
  const isFailed = status === 'failed'
  return {
    status,
    status_sent_at: sent?.at ?? null,
    delivered_at: delivered?.at ?? read?.at ?? null,
    read_at: read?.at ?? null,
    failed_at: isFailed ? failed!.at : null,
    failure_code: isFailed ? failed!.error_code : null,
    failure_title: isFailed ? failed!.error_title : null
  }
}

/**
 * Where a status came from: a provider callback, or a `lookup` of the provider's own record of a
 * message whose report never came (Twilio's Message resource, Infobip's reports). Both go through
 * the same applier, so a lookup obeys the same rules (best evidence wins, duplicates change nothing).
 */
export type StatusSource = 'callback' | 'lookup'

export type StatusOutcome =
  | {
      matched: true
      messageId: number
      campaignId: string
      phone: string
      contactId: number
      /** The message had no report at all before this status (it was awaiting one). */
      filled: boolean
    }
  | { matched: false }

export interface StatusApplierDeps {
  /** Matches a status to its message and keeps every status reported (message_status_log). */
  statusLog: MessageStatusLogRepo
  /** The one writer of `message`. */
  messages: MessageRepo
  /** Keeps the first pricing reported for a message (pricing/messagePricing). */
  recordPricing(
    messageId: number,
    campaignId: string,
    pricing: ReportedPricing,
    at: number,
    inboxId: number | null
  ): unknown
}

/**
 * Matches a status to its message and applies it idempotently. Built once by the composition
 * root and shared by the callback processor, the lost-send lookups and the reconcile lookups.
 */
export function createStatusApplier(deps: StatusApplierDeps) {
  const { statusLog, messages } = deps

  function find(event: StatusEvent, providerId: string): StatusTarget | undefined {
    if (event.providerMessageId) {
      const row = statusLog.byProviderId(event.providerMessageId, providerId)
      if (row) return row
    }
    if (event.ourId) {
      const row = statusLog.byOurId(event.ourId, providerId)
      if (row && event.providerMessageId && row.provider_message_id === null) {
        messages.fillProviderId(row.id, event.providerMessageId)
        row.provider_message_id = event.providerMessageId
      }
      return row
    }
    return undefined
  }

  /** `inboxId`: the callback's inbox row; null for a lookup (no callback carried it). */
  return function apply(
    event: StatusEvent,
    providerId: string,
    inboxId: number | null,
    source: StatusSource = 'callback'
  ): StatusOutcome {
    const row = find(event, providerId)
    if (!row) return { matched: false }
    // A status is proof the request reached the provider: resolve "outcome unknown" (and a
    // timeout or network error, whose answer we never saw) into sent first.
    if (row.dispatch_state === 'unknown' || row.dispatch_state === 'error')
      messages.reconcileUnknown(row.id, event.at)
    statusLog.record({
      messageId: row.id,
      status: event.status,
      at: event.at,
      errorCode: event.errorCode ?? null,
      errorTitle: event.errorTitle ?? null,
      errorDetail: event.errorDetail ?? null,
      inboxId,
      source
    })
    const next = deliveryColumns(statusLog.log(row.id))
    const changed = (Object.keys(next) as (keyof DeliveryColumns)[]).some((k) => next[k] !== row[k])
    if (changed) messages.applyDeliveryColumns(row.id, next)
    // The first pricing reported for the message is kept (pricing/messagePricing).
    if (event.pricing) deps.recordPricing(row.id, row.campaign_id, event.pricing, event.at, inboxId)
    return {
      matched: true,
      messageId: row.id,
      campaignId: row.campaign_id,
      phone: row.phone,
      contactId: row.contact_id,
      filled: row.status === null && next.status !== null
    }
  }
}
export type ApplyStatus = ReturnType<typeof createStatusApplier>
