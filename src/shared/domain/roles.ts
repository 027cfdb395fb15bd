/**
 * The roles of a team server's users (issue #22), ordered: each may do everything the ones
 * before it may. viewer: read and export. operator: contacts, compose, launch, pause, cancel,
 * exports, backups. admin: provider accounts, users, settings, restore, the audit log.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export function roleRank(role: Role): number {
  return ROLES.indexOf(role)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
