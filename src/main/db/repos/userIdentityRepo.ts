import type { Db } from '../openDb'

export interface IdentitySeen {
  userId: string
  parentUserId: string | null
  username: string | null
  phone: string | null
  contactId: number | null
  at: number
}

/**
 * The only writer of `user_identity`: every user identifier a webhook showed (BSUID, parent,
 * username) and the phone / contact it was seen with. Known values are never replaced by a
 * missing one; an upsert that would change nothing writes nothing.
 */
export function createUserIdentityRepo(db: Db) {
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
  return {
    seen: (identity: IdentitySeen): void => void upsert.run(identity),
    contactIdOf: (phone: string): number | undefined => contactByPhone.get(phone)
  }
}
export type UserIdentityRepo = ReturnType<typeof createUserIdentityRepo>
