import type { Db } from '../db/openDb'

/** A campaign message something was attributed to. */
export interface Target {
  id: number
  campaign_id: string
}

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
export function createAttributor(db: Db) {
  const byId = db.prepare<[string, string, string], Target>(
    `SELECT m.id, m.campaign_id FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE (m.provider_message_id = ? OR m.our_id = ?) AND c.provider_id = ? LIMIT 1`
  )
  const alias = db.prepare<[string, string], string>(
    'SELECT provider_message_id FROM message_alias WHERE provider_id = ? AND alias = ?'
  )
  alias.pluck()
  const lastSent = db.prepare<[string, number, string], Target>(
    `SELECT m.id, m.campaign_id FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.phone = ? AND m.sent_at IS NOT NULL AND m.sent_at <= ? AND c.provider_id = ?
     ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`
  )
  const phoneOfUser = db.prepare<[string], string>(
    'SELECT phone FROM user_identity WHERE user_id = ? AND phone IS NOT NULL'
  )
  phoneOfUser.pluck()

  /** The message a provider id (or one of its aliases, or our own id) names. */
  function message(id: string, providerId: string): Target | undefined {
    const direct = byId.get(id, id, providerId)
    if (direct) return direct
    const primary = alias.get(providerId, id)
    return primary ? byId.get(primary, primary, providerId) : undefined
  }

  /** The user's phone: as shown, else the one their BSUID was seen with. */
  function phoneOf(who: Who): string | null {
    if (who.phone) return who.phone
    return who.userId ? (phoneOfUser.get(who.userId) ?? null) : null
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
    const target = phone ? lastSent.get(phone, at, providerId) : undefined
    return { target, by: target ? 'last_sent' : null }
  }

  return { message, phoneOf, attribute }
}
export type Attributor = ReturnType<typeof createAttributor>
