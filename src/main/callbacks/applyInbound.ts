import type { InboundRepo } from '../db/repos/inboundRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { InboundEvent } from '../providers/types'
import type { RecordOptOut } from './applyOptOut'
import type { Attributor } from './attribution'

export type InboundOutcome =
  { stored: false } | { stored: true; campaignId: string | null; messageId: number | null }

export interface InboundDeps {
  inbound: InboundRepo
  messages: MessageRepo
  attributor: Attributor
  recordOptOut: RecordOptOut
  /** Whether a reply's whole text is an opt-out keyword (Settings). */
  isOptOutKeyword: (text: string | null) => boolean
}

/**
 * Stores an inbound message once (deduplicated by provider message id) and attributes it: to the
 * campaign message it quotes, else to the last campaign message sent to that user (by phone, or
 * through the phone their BSUID was seen with) before the reply, else nobody (kept and counted as
 * unattributed). A reply that is an opt-out keyword is still a reply, and also a stop.
 */
export function createInboundApplier(deps: InboundDeps) {
  return function apply(
    event: InboundEvent,
    providerId: string,
    receivedAt: number
  ): InboundOutcome {
    const userId = event.user?.userId ?? null
    const who = { phone: event.from, userId }
    const { target, by } = deps.attributor.attribute(
      who,
      event.at,
      providerId,
      event.quotedProviderMessageId
    )
    const stored = deps.inbound.addMessage({
      providerId,
      providerMessageId: event.providerMessageId,
      // A username-only user has no phone: the BSUID goes in user_id, never into phone.
      phone: event.from ?? '',
      userId,
      at: event.at,
      text: event.text,
      quotedProviderMessageId: event.quotedProviderMessageId,
      messageId: target?.id ?? null,
      campaignId: target?.campaign_id ?? null,
      attributedBy: by,
      receivedAt
    })
    if (!stored) return { stored: false }
    if (target) {
      const r = deps.inbound.repliesTo(target.id)
      deps.messages.setReplies(target.id, r.n, r.first)
    }
    if (deps.isOptOutKeyword(event.text))
      deps.recordOptOut(
        {
          source: 'keyword',
          value: 'stop',
          at: event.at,
          phone: deps.attributor.phoneOf(who),
          userId,
          detail: event.text,
          dedupeKey: `inbound:${event.providerMessageId}`,
          target
        },
        providerId,
        receivedAt
      )
    return { stored: true, campaignId: target?.campaign_id ?? null, messageId: target?.id ?? null }
  }
}
