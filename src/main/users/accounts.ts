import { randomUUID } from 'node:crypto'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { Caller, Role } from '../../shared/ipc/roles'
import type { UserView } from '../../shared/ipc/routes/users'
import type { UserRepo, UserRow } from '../db/repos/userRepo'
import type { Clock } from '../kernel/kernel'
import { DESKTOP_USER } from './callers'
import { bearerToken, newToken, sameHash, tokenHash } from './tokens'

/** The TICKBOARD_API_TOKEN admin's fixed id: its token follows the environment at each start. */
const ENVIRONMENT_ADMIN_ID = 'environment-admin'

type RevokedListener = (userId: string) => void

function caller(row: UserRow): Caller {
  return { id: row.id, name: row.name, role: row.role }
}

function view(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
    revokedAt: row.revoked_at
  }
}

/**
 * Users of a team server and their tokens (issue #22). A token is checked by its SHA-256 (the
 * only thing stored); revoking one takes effect on the next call, and open event streams of
 * the user are closed by the listeners of `onRevoked`.
 */
export function createUserAccounts(repo: UserRepo, clock: Clock) {
  const revokedListeners = new Set<RevokedListener>()

  return {
    /** The active user a bearer header belongs to; null: unknown, revoked or no bearer. */
    authenticate(header: string | undefined): Caller | null {
      const token = bearerToken(header)
      if (token === null) return null
      const hash = tokenHash(token)
      const row = repo.byTokenHash(hash)
      if (!row || row.revoked_at !== null || !sameHash(row.token_hash, hash)) return null
      return caller(row)
    },

    /** Whether a user (by id) may still act: exists and not revoked (the desktop's own: always). */
    isActive(id: string): boolean {
      if (id === DESKTOP_USER.id) return true
      const row = repo.get(id)
      return row !== undefined && row.revoked_at === null
    },

    /**
     * At `serve`'s start: the TICKBOARD_API_TOKEN bearer is an admin (its stored hash follows the
     * variable; without it, that admin is revoked). When no admin could then sign in, a new admin
     * token is made and returned, to be printed once; null otherwise.
     */
    bootstrap(environmentToken: string | null): { firstStartToken: string | null } {
      const now = clock.now()
      const envAdmin = repo.byOrigin('environment')
      if (environmentToken) {
        const hash = tokenHash(environmentToken)
        if (!envAdmin)
          repo.insert({
            id: ENVIRONMENT_ADMIN_ID,
            name: 'Admin (TICKBOARD_API_TOKEN)',
            role: 'admin',
            tokenHash: hash,
            origin: 'environment',
            createdAt: now,
            createdBy: null
          })
        else if (!sameHash(envAdmin.token_hash, hash) || envAdmin.revoked_at !== null)
          repo.setToken(envAdmin.id, hash)
      } else if (envAdmin && envAdmin.revoked_at === null) repo.revoke(envAdmin.id, now)
      if (repo.activeAdmins() > 0) return { firstStartToken: null }
      const token = newToken()
      repo.insert({
        id: randomUUID(),
        name: 'Admin',
        role: 'admin',
        tokenHash: tokenHash(token),
        origin: 'first_start',
        createdAt: now,
        createdBy: null
      })
      return { firstStartToken: token }
    },

    me: (who: Caller): Caller => ({ id: who.id, name: who.name, role: who.role }),

    /** A new user; the token is in the answer only, never stored or logged. */
    create(by: Caller, name: string, role: Role): { id: string; token: string } {
      const token = newToken()
      const id = randomUUID()
      repo.insert({
        id,
        name,
        role,
        tokenHash: tokenHash(token),
        origin: 'created',
        createdAt: clock.now(),
        // The desktop's own user is no row: its users are created by "nobody" on record.
        createdBy: repo.get(by.id) ? by.id : null
      })
      return { id, token }
    },

    list: (): { users: UserView[] } => ({ users: repo.list().map(view) }),

    revoke(id: string): { id: string; revokedAt: number } {
      const row = repo.get(id)
      if (!row) throw new AppError(ErrorCode.notFound, `No user ${id}`)
      if (row.revoked_at !== null) return { id, revokedAt: row.revoked_at }
      if (row.origin === 'environment')
        throw new AppError(
          ErrorCode.invalidState,
          'The TICKBOARD_API_TOKEN admin is revoked by changing or removing the variable and restarting serve'
        )
      if (row.role === 'admin' && repo.activeAdmins() <= 1)
        throw new AppError(
          ErrorCode.invalidState,
          `${row.name} is the last admin who can sign in: create another admin before revoking this one`
        )
      const at = clock.now()
      repo.revoke(id, at)
      revokedListeners.forEach((listener) => listener(id))
      return { id, revokedAt: at }
    },

    /** Called with a user's id when it is revoked (the API server closes its event streams). */
    onRevoked(listener: RevokedListener): () => void {
      revokedListeners.add(listener)
      return () => revokedListeners.delete(listener)
    }
  }
}
export type UserAccounts = ReturnType<typeof createUserAccounts>
