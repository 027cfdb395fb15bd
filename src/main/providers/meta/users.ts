import type { UserRef } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import { toE164, toUserId } from '../normalize'

interface MetaContact {
  waId: string | null
  userId: string | null
  parentUserId: string | null
  username: string | null
}
export type MetaContacts = MetaContact[]

/** `value.contacts[]` of a messages webhook: wa_id, BSUID `user_id`, parent BSUID, username. */
export function contactsOf(value: unknown): MetaContacts {
  const found = pick(value, 'contacts')
  if (!Array.isArray(found)) return []
  return found.map((c) => ({
    waId: stringOrNull(pick(c, 'wa_id')),
    userId: toUserId(pick(c, 'user_id')),
    parentUserId: toUserId(pick(c, 'parent_user_id')),
    username: stringOrNull(pick(c, 'profile', 'username'))
  }))
}

/** The contact entry that describes this user: by phone, by BSUID, or the only one there is. */
function contactFor(
  contacts: MetaContacts,
  waId: string | null,
  userId: string | null
): MetaContact | undefined {
  const found = contacts.find((c) => (waId && c.waId === waId) || (userId && c.userId === userId))
  if (found || contacts.length !== 1) return found
  // A lone entry describes this user only if none of its ids contradicts the item's.
  const only = contacts[0]!
  const agrees =
    (!only.waId || !waId || only.waId === waId) &&
    (!only.userId || !userId || only.userId === userId)
  return agrees ? only : undefined
}

function userRef(phone: string | null, contact: MetaContact | undefined, ids: Partial<UserRef>) {
  const ref: UserRef = {
    phone,
    userId: ids.userId ?? contact?.userId ?? null,
    parentUserId: ids.parentUserId ?? contact?.parentUserId ?? null,
    username: contact?.username ?? null
  }
  return ref
}

/** The recipient of a status beyond its phone (`recipient_user_id`, `contacts[]`), if shown. */
export function statusUser(item: unknown, contacts: MetaContacts): UserRef | undefined {
  const waId = stringOrNull(pick(item, 'recipient_id'))
  const userId = toUserId(pick(item, 'recipient_user_id'))
  const ref = userRef(toE164(waId), contactFor(contacts, waId, userId), {
    userId: userId ?? undefined,
    parentUserId: toUserId(pick(item, 'recipient_parent_user_id')) ?? undefined
  })
  return ref.userId || ref.username ? ref : undefined
}

/** The sender of an inbound message: `from` (only when the phone may be shown), BSUID, username. */
export function senderOf(item: unknown, contacts: MetaContacts): UserRef {
  const waId = stringOrNull(pick(item, 'from'))
  const userId = toUserId(pick(item, 'from_user_id'))
  return userRef(toE164(waId), contactFor(contacts, waId, userId), {
    userId: userId ?? undefined,
    parentUserId: toUserId(pick(item, 'from_parent_user_id')) ?? undefined
  })
}
