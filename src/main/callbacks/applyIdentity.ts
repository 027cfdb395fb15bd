import type { UserIdentityRepo } from '../db/repos/userIdentityRepo'
import type { UserRef } from '../providers/types'

/**
 * Stores every user identifier a webhook shows (spec §4): a BSUID with its parent BSUID and
 * username, and the phone / contact it was seen with. A status of our own message ties the BSUID
 * to that message's phone and contact, which is how a later username-only reply is attributed.
 * Known values are never replaced by a missing one.
 */
export function createIdentityStore(identities: UserIdentityRepo) {
  return function learn(
    user: UserRef | undefined,
    at: number,
    seenWith?: { phone: string; contactId: number }
  ): void {
    if (!user?.userId) return
    const phone = seenWith?.phone ?? user.phone
    const contactId = seenWith?.contactId ?? (phone ? identities.contactIdOf(phone) : undefined)
    identities.seen({
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
