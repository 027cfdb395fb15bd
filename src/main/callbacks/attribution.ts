import type { AttributionRepo, Target } from '../db/repos/attributionRepo'

export type { Target }

export interface Who {
  /** E.164 when the provider showed a phone. */
  phone: string | null
  /** BSUID when shown; resolves to a phone learned earlier (from a status of our message). */
  userId: string | null
}

/**
 * The one attribution rule of replies, reactions and opt-outs (spec §4): the campaign message a
 * provider id names (also through an alias such as Gupshup's WhatsApp id), else the last campaign
 * message sent to that user (by phone, or by the phone its BSUID was seen with) before `at`.
 */
export function createAttributor(reads: AttributionRepo) {
  /** The message a provider id (or one of its aliases, or our own id) names. */
  function message(id: string, providerId: string): Target | undefined {
    const direct = reads.byId(id, providerId)
    if (direct) return direct
    const primary = reads.primaryOf(id, providerId)
    return primary ? reads.byId(primary, providerId) : undefined
  }

  /** The user's phone: as shown, else the one their BSUID was seen with. */
  function phoneOf(who: Who): string | null {
    if (who.phone) return who.phone
    return who.userId ? (reads.phoneOfUser(who.userId) ?? null) : null
  }

  function attribute(
    who: Who,
    at: number,
    providerId: string,
    quoted: string | null
  ): { target: Target | undefined; by: 'quote' | 'last_sent' | null } {
    if (quoted) {
      const target = message(quoted, providerId)
      if (target) return { target, by: 'quote' }
    }
    const phone = phoneOf(who)
    const target = phone ? reads.lastSentBefore(phone, at, providerId) : undefined
    return { target, by: target ? 'last_sent' : null }
  }

  return { message, phoneOf, attribute }
}
export type Attributor = ReturnType<typeof createAttributor>
