import type { DispatchErrorReason } from '../../shared/domain/dispatch'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import type { SendLayout } from '../templates/sendLayout'
import type { AnalyticsQuery, AnalyticsResult } from './analytics'
import type { CallBudget, RateLimit } from './callBudget'
import type { LookupFailure, LookupRef, LookupResult } from './lookup'
import type { ProviderAccount } from './providerAccounts'

/** One template message to one recipient. */
export interface SendRequest {
  /** Our own message id (`message.our_id`): rides in every request where the provider echoes it. */
  ourId: string
  /** Recipient in E.164; empty for a user known only by BSUID (see `recipientUserId`). */
  to: string
  /**
   * Meta: a business-scoped user id (BSUID) to send to through the `recipient` field when there is
   * no phone (`to` wins when both are given, so it is only sent without one). Error 131062 means
   * BSUID recipients are not supported for this message.
   */
  recipientUserId?: string | null
  /** `params` are flat, laid out by `layout` (header, body, buttons); no layout: all body. */
  template: { name: string; language: string; params: string[]; layout?: SendLayout }
  /** Public callback URL for providers that take one per message (Twilio, Infobip); null if none. */
  callbackUrl: string | null
  /** Meta: send through the Marketing Messages API (`/marketing_messages`), marketing templates only. */
  marketingMessagesApi?: boolean
}

export type SendOutcome =
  | {
      kind: 'accepted'
      providerMessageId: string
      /** Marketing Messages API sends: the response's `message_status` (accepted, held_for_quality_assessment). */
      marketingMessageStatus?: string
    }
  | {
      kind: 'rejected'
      reason: Exclude<DispatchErrorReason, 'campaign_limit' | 'cancelled'>
      /** The provider's own error code and message, kept beside our reason. */
      providerCode: string | null
      providerMessage: string | null
      /**
       * Transient and known not to have been accepted (429, 503, a connection that was never
       * made): the dispatcher retries with backoff.
       */
      retryable: boolean
      /**
       * The request may have reached the provider and been accepted (a timeout or a reset after
       * it was written, a 5xx other than 503): never retried blindly. The row becomes "outcome
       * unknown" until a callback carrying our id or a provider lookup settles it (spec §3).
       */
      mayHaveArrived?: true
      /** From a `Retry-After` header, when the provider sent one. */
      retryAfterMs?: number
    }

/** A send whose answer was lost (outcome unknown): what a provider lookup needs to find it. */
export interface LostSend {
  ourId: string
  /** Recipient in E.164. */
  to: string
  /**
   * When its answer was lost (ms since epoch): the attempt left at most a send deadline (15 s)
   * before, or at this time for a request in flight at a crash.
   */
  attemptAt: number
}

/** A message in the provider's own records that may be a lost send, with its status now. */
export interface ProviderRecord {
  providerMessageId: string
  /** The status the provider reports now; null while it says nothing about delivery yet. */
  status: StatusEvent | null
}

/**
 * The provider's records of a group of messages awaiting a report: `records` of them were found,
 * `events` are the reports those records hold (none for a message still pending there).
 */
export type BatchLookupResult =
  { kind: 'found'; records: number; events: StatusEvent[] } | LookupFailure

/** A callback request as the callback server received it, before any parsing. */
export interface RawCallback {
  method: string
  /** The public URL the provider called (Twilio signs it), reconstructed by the callback server. */
  publicUrl: string
  headers: Record<string, string | string[] | undefined>
  rawBody: Buffer
}

export type {
  AliasEvent,
  CallbackEvent,
  PreferenceEvent,
  ReactionEvent,
  CallbackKind,
  IgnoredItem,
  InboundEvent,
  StatusEvent,
  UserRef
} from './callbackItems'
import type { CallbackEvent, StatusEvent } from './callbackItems'

export type VerifyResult = 'valid' | 'invalid_signature' | 'missing_signature' | 'unsigned_provider'

/** The body does not parse at all (not JSON, not a form): the only content refusal (400). */
export class MalformedCallbackError extends Error {
  override name = 'MalformedCallbackError'
}

/**
 * Everything Tickboard knows about one provider's API, in both directions. The dispatcher calls
 * `send`; the callback server calls `verifyCallback` on the raw bytes, then `parseCallback`.
 */
export interface ProviderAdapter {
  type: ProviderType
  send(account: ProviderAccount, request: SendRequest, signal: AbortSignal): Promise<SendOutcome>
  verifyCallback(account: ProviderAccount, callback: RawCallback): VerifyResult
  /**
   * Throws MalformedCallbackError only when the body does not parse at all; anything else it
   * cannot read becomes an `ignored` item (tolerant reader, spec §4).
   */
  parseCallback(account: ProviderAccount, callback: RawCallback): CallbackEvent[]
  /**
   * The provider's own record of one message still awaiting a report, by the provider's id (or
   * ours, where the provider keeps it). Absent where the provider has no per-message lookup
   * (Meta: its template analytics are per template and day, see `reconcile/`).
   */
  lookupMessage?(
    account: ProviderAccount,
    ref: LookupRef,
    signal: AbortSignal
  ): Promise<LookupResult>
  /**
   * The batch form of `lookupMessage`, preferred when present: one request answers a group of
   * messages (Infobip's logs take many message ids). Spends `budget` before each request;
   * `now` is the engine's (how far back the provider keeps its records is counted from it).
   */
  lookupMessages?(
    account: ProviderAccount,
    refs: LookupRef[],
    signal: AbortSignal,
    budget: CallBudget,
    now: number
  ): Promise<BatchLookupResult>
  /** The documented request limit of the lookup endpoint, per provider account. */
  lookupLimit?: RateLimit
  /**
   * The provider's own per-template, per-day numbers (Meta and 360dialog template analytics,
   * Gupshup's partner analytics). Absent where the provider has none (Twilio, Infobip). Spends
   * `budget` before its requests and answers `rate_limited` when it would overspend.
   */
  templateAnalytics?(
    account: ProviderAccount,
    query: AnalyticsQuery,
    signal: AbortSignal,
    budget: CallBudget
  ): Promise<AnalyticsResult>
  /** The documented request limit of the analytics endpoint, per provider account (Gupshup: per app). */
  analyticsLimit?: RateLimit
  /** The time zone of the analytics' days (IANA name and its fixed offset); absent: UTC (Meta). */
  analyticsZone?: { name: string; offsetMs: number }
  /**
   * Looks lost sends up in the provider's own records (Twilio's Messages list, Infobip's logs):
   * per our id, every record that may be that send (the caller accepts exactly one it does not
   * already know). Absent where the provider has no such records (Meta, Gupshup): only a callback
   * can settle a lost send there. Throws when the provider cannot be asked now.
   */
  findLostSends?(
    account: ProviderAccount,
    sends: LostSend[],
    signal: AbortSignal
  ): Promise<Map<string, ProviderRecord[]>>
}
