import type { DeliveryStatus, DispatchErrorReason } from '../../shared/domain/dispatch'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import type { ProviderAccount } from './providerAccounts'

/** One template message to one recipient. */
export interface SendRequest {
  /** Our own message id (`message.our_id`): rides in every request where the provider echoes it. */
  ourId: string
  /** Recipient in E.164. */
  to: string
  template: { name: string; language: string; params: string[] }
  /** Public callback URL for providers that take one per message (Twilio, Infobip); null if none. */
  callbackUrl: string | null
}

export type SendOutcome =
  | { kind: 'accepted'; providerMessageId: string }
  | {
      kind: 'rejected'
      reason: Exclude<DispatchErrorReason, 'campaign_limit' | 'cancelled'>
      /** The provider's own error code and message, kept beside our reason. */
      providerCode: string | null
      providerMessage: string | null
      /** Transient (timeout, 429, 5xx, network): the dispatcher retries with backoff. */
      retryable: boolean
      /** From a `Retry-After` header, when the provider sent one. */
      retryAfterMs?: number
    }

/** A callback request as the callback server received it, before any parsing. */
export interface RawCallback {
  method: string
  /** The public URL the provider called (Twilio signs it), reconstructed by the callback server. */
  publicUrl: string
  headers: Record<string, string | string[] | undefined>
  rawBody: Buffer
}

/** A normalised delivery-status report. */
export interface StatusEvent {
  kind: 'status'
  providerMessageId: string | null
  /** Our id echoed back (Meta biz_opaque_callback_data, Infobip callbackData, Twilio query param). */
  ourId: string | null
  status: DeliveryStatus
  /** The provider's timestamp, epoch ms (never the arrival time). */
  at: number
  recipient: string | null
  errorCode?: string
  errorTitle?: string
  errorDetail?: string
}

/** A normalised inbound message (a reply or a stranger's message). */
export interface InboundEvent {
  kind: 'inbound'
  providerMessageId: string
  /** Sender in E.164. */
  from: string
  at: number
  text: string | null
  /** The campaign message it quotes (Meta context.id, Twilio OriginalRepliedMessageSid, …). */
  quotedProviderMessageId: string | null
}

export type CallbackEvent = StatusEvent | InboundEvent

export type VerifyResult = 'valid' | 'invalid_signature' | 'missing_signature' | 'unsigned_provider'

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
  /** Throws MalformedCallbackError when the body is not this provider's callback format. */
  parseCallback(account: ProviderAccount, callback: RawCallback): CallbackEvent[]
}
