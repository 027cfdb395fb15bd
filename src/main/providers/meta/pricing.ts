import type { ReportedPricing } from '../../../shared/domain/reportedPricing'
import { pick, stringOrNull } from '../../http/json'
import { epochMs } from '../normalize'

/** `authentication-international` and `authentication_international` are one category. */
export function normaliseCategory(value: string | null): string {
  const text = (value ?? '').trim().toLowerCase().replace(/-/g, '_')
  return text === '' ? 'unknown' : text.slice(0, 60)
}

/**
 * Reads `pricing` and `conversation` of one Meta status item; null when it carries neither (e.g.
 * `read`, or v24+ statuses of messages outside a free entry point). Tolerant: odd field types are
 * treated as absent, never as an error.
 */
export function parseMetaPricing(status: unknown): ReportedPricing | null {
  const pricing = pick(status, 'pricing')
  const conversation = pick(status, 'conversation')
  const hasPricing = pricing !== null && typeof pricing === 'object'
  const hasConversation = conversation !== null && typeof conversation === 'object'
  if (!hasPricing && !hasConversation) return null
  const billable = pick(pricing, 'billable')
  const origin = stringOrNull(pick(conversation, 'origin', 'type'))
  return {
    category: normaliseCategory(stringOrNull(pick(pricing, 'category')) ?? origin),
    type: stringOrNull(pick(pricing, 'type'))?.slice(0, 60) ?? null,
    billable: typeof billable === 'boolean' ? billable : null,
    pricingModel: stringOrNull(pick(pricing, 'pricing_model'))?.slice(0, 20) ?? null,
    conversationId: stringOrNull(pick(conversation, 'id'))?.slice(0, 200) ?? null,
    conversationOrigin: origin?.slice(0, 60) ?? null,
    conversationExpiresAt: epochMs(pick(conversation, 'expiration_timestamp')) ?? null
  }
}
