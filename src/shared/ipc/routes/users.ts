/**
 * Users of a team server, their roles, and the audit log (issue #22). Tokens are shown once, by
 * `users.create`; the engine keeps only their SHA-256. Each route's `role` is its minimum role;
 * `shared/ipc/roles.ts` has `requiredRole(route)`, `roleAllows(role, route)` and
 * `roleRefusal(role, route)` (the 403's message) for both the engine and the renderer.
 *
 * Beside the contract as agreed: `users.list`'s `createdBy` is the creating admin's name (null
 * for a bootstrap admin); the audit CSV is `audit.export {path, overwrite?}` (API, desktop save
 * dialog) and `audit.prepareDownload {}` (browser: `GET /api/download/<token>`), both admin;
 * drafts carry `version` in `campaigns.get`/`campaigns.list`, and `campaigns.update` takes
 * `version` and answers `{id, version}`; 429 `rate_limited` (Retry-After) after 10 failed
 * sign-ins a minute from one address.
 */
import { z } from 'zod'
import { ROLES } from '../../domain/roles'

const role = z.enum(ROLES)

export const userView = z.object({
  id: z.string(),
  name: z.string(),
  role,
  createdAt: z.number(),
  /** The name of the admin who created the user; null for a bootstrap admin. */
  createdBy: z.string().nullable(),
  revokedAt: z.number().nullable()
})
export type UserView = z.infer<typeof userView>

export const auditEntry = z.object({
  /** Increasing; `audit.list {before: id}` pages back from it. */
  id: z.number().int(),
  at: z.number(),
  /** null: the caller was not signed in (an unknown or revoked token). */
  userId: z.string().nullable(),
  /** The user's name (spec §8's `user`), null like userId. */
  user: z.string().nullable(),
  route: z.string(),
  /** The id the call was about (its input's id, campaignId or providerId, or the id it created). */
  targetId: z.string().nullable(),
  outcome: z.enum(['ok', 'refused', 'error']),
  /** The error code of a refused or failed call (forbidden, unauthorized, conflict, …). */
  code: z.string().nullable()
})
export type AuditEntry = z.infer<typeof auditEntry>

export const userRoutes = {
  /** Who the token belongs to (the desktop app: its own local admin). */
  'users.me': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ id: z.string(), name: z.string(), role })
  },
  /** A new user with a new 256-bit token, shown here once and never again. */
  'users.create': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ name: z.string().trim().min(1).max(100), role }),
    output: z.object({ id: z.string(), token: z.string() })
  },
  'users.list': {
    role: 'admin',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ users: z.array(userView) })
  },
  /** The user's token stops working at once (its open event stream is closed). */
  'users.revoke': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ id: z.string().min(1) }),
    output: z.object({ id: z.string(), revokedAt: z.number() })
  },
  /** Newest first; `before`: an entry's id, to page back (`nextBefore` of the previous page). */
  'audit.list': {
    role: 'admin',
    changes: false,
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).optional(),
      before: z.number().int().min(1).optional()
    }),
    output: z.object({ entries: z.array(auditEntry), nextBefore: z.number().int().nullable() })
  },
  /**
   * The whole audit log as CSV to `path` (the rules of `reports.export`: absolute, or a name
   * inside `--exports-dir`; an existing file only with `overwrite: true`).
   */
  'audit.export': {
    role: 'admin',
    changes: true,
    input: z.strictObject({ path: z.string().min(1), overwrite: z.boolean().optional() }),
    output: z.object({ path: z.string(), bytes: z.number().int() })
  },
  /** Browser: the audit CSV behind a one-time `GET /api/download/<token>` (as reports'). */
  'audit.prepareDownload': {
    role: 'admin',
    changes: true,
    input: z.strictObject({}),
    output: z.object({ token: z.string(), fileName: z.string(), bytes: z.number().int() })
  }
} as const
