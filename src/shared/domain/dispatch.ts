/** Why a target user was not sent (spec §3): stable codes shown to operators and in exports. */
export const DISPATCH_ERROR_REASONS = [
  'timeout',
  'auth_failed',
  'rate_limited',
  'invalid_request',
  'provider_error',
  'network',
  'campaign_limit',
  'cancelled'
] as const
export type DispatchErrorReason = (typeof DISPATCH_ERROR_REASONS)[number]

/** Delivery state of a sent message from callbacks; null in the database means awaiting report. */
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed'

/** Dispatch lifecycle of one qualified user's row in `message.dispatch_state`. */
export const DISPATCH_STATES = [
  'control',
  'queued',
  'in_flight',
  'sent',
  'error',
  'unknown'
] as const
export type DispatchState = (typeof DISPATCH_STATES)[number]
