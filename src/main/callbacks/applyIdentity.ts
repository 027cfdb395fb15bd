import type { Db } from '../db/openDb'
import type { UserRef } from '../providers/types'

/**
 * Stores every user identifier a webhook shows (spec §4): a BSUID with its parent BSUID and
 * username, and the phone / contact it was seen with. A status of our own message ties the BSUID
 * to that message's phone and contact, which is how a later username-only reply is attributed.
 * Known values are never replaced by a missing one.
 */
export function createIdentityStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO user_identity (user_id, parent_user_id, username, phone, contact_id, first_seen_at, updated_at)
     VALUES (@userId, @parentUserId, @username, @phone, @contactId, @at, @at)
     ON CONFLICT (user_id) DO UPDATE SET
       parent_user_id = COALESCE(excluded.parent_user_id, parent_user_id),
       username = COALESCE(excluded.username, username),
       phone = COALESCE(excluded.phone, phone),
       contact_id = COALESCE(excluded.contact_id, contact_id),
       first_seen_at = MIN(first_seen_at, excluded.first_seen_at),
       updated_at = MAX(updated_at, excluded.updated_at)
     WHERE excluded.parent_user_id IS NOT parent_user_id AND excluded.parent_user_id IS NOT NULL
        OR excluded.username IS NOT username AND excluded.username IS NOT NULL
        OR excluded.phone IS NOT phone AND excluded.phone IS NOT NULL
        OR excluded.contact_id IS NOT contact_id AND excluded.contact_id IS NOT NULL`
  )
  const contactByPhone = db.prepare<[string], number>('SELECT id FROM contact WHERE phone = ?')
  contactByPhone.pluck()

  return function learn(
    user: UserRef | undefined,
    at: number,
    seenWith?: { phone: string; contactId: number }
  ): void {
    if (!user?.userId) return
    const phone = seenWith?.phone ?? user.phone
    const contactId = seenWith?.contactId ?? (phone ? contactByPhone.get(phone) : undefined)
    upsert.run({
      userId: user.userId,
      parentUserId: user.parentUserId,
      username: user.username,
      phone: phone ?? null,
      contactId: contactId ?? null,
      at
    })
  }
}
export type LearnIdentity = ReturnType<typeof createIdentityStore>
