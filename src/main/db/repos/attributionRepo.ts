import type { Db } from '../openDb'

/** A campaign message something was attributed to. */
export interface Target {
  id: number
  campaign_id: string
}

/**
 * The reads behind attribution of replies, reactions and opt-outs: a campaign message by a
 * provider id (or our id, or an alias), the last one sent to a phone, the phone a BSUID was
 * seen with. Writes nothing.
 */
export function createAttributionRepo(db: Db) {
  const byId = db.prepare<[string, string, string], Target>(
    `SELECT m.id, m.campaign_id FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE (m.provider_message_id = ? OR m.our_id = ?) AND c.provider_id = ? LIMIT 1`
  )
  const primaryOf = db.prepare<[string, string], string>(
    'SELECT provider_message_id FROM message_alias WHERE provider_id = ? AND alias = ?'
  )
  primaryOf.pluck()
  const lastSent = db.prepare<[string, number, string], Target>(
    `SELECT m.id, m.campaign_id FROM message m JOIN campaign c ON c.id = m.campaign_id
     WHERE m.phone = ? AND m.sent_at IS NOT NULL AND m.sent_at <= ? AND c.provider_id = ?
     ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`
  )
  const phoneOfUser = db.prepare<[string], string>(
    'SELECT phone FROM user_identity WHERE user_id = ? AND phone IS NOT NULL'
  )
  phoneOfUser.pluck()
  return {
    /** The message whose provider id or our id is `id`. */
    byId: (id: string, providerId: string): Target | undefined => byId.get(id, id, providerId),
    /** The provider's primary id an alias stands for. */
    primaryOf: (alias: string, providerId: string): string | undefined =>
      primaryOf.get(providerId, alias),
    lastSentBefore: (phone: string, at: number, providerId: string): Target | undefined =>
      lastSent.get(phone, at, providerId),
    phoneOfUser: (userId: string): string | undefined => phoneOfUser.get(userId)
  }
}
export type AttributionRepo = ReturnType<typeof createAttributionRepo>
