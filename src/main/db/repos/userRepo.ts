import type { Role } from '../../../shared/ipc/roles'
import type { Db } from '../openDb'

export type UserOrigin = 'created' | 'environment' | 'first_start'

export interface UserRow {
  id: string
  name: string
  role: Role
  token_hash: Buffer
  origin: UserOrigin
  created_at: number
  created_by: string | null
  /** The creator's name (joined), for the list. */
  created_by_name: string | null
  revoked_at: number | null
}

export interface NewUser {
  id: string
  name: string
  role: Role
  tokenHash: Buffer
  origin: UserOrigin
  createdAt: number
  createdBy: string | null
}

const SELECT = `SELECT u.*, c.name AS created_by_name FROM app_user u
  LEFT JOIN app_user c ON c.id = u.created_by`

/** The `app_user` table: users of a team server and the SHA-256 of their tokens (never a token). */
export function createUserRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO app_user (id, name, role, token_hash, origin, created_at, created_by)
     VALUES (@id, @name, @role, @tokenHash, @origin, @createdAt, @createdBy)`
  )
  const byHash = db.prepare<[Buffer], UserRow>(`${SELECT} WHERE u.token_hash = ?`)
  const byId = db.prepare<[string], UserRow>(`${SELECT} WHERE u.id = ?`)
  const byOrigin = db.prepare<[UserOrigin], UserRow>(`${SELECT} WHERE u.origin = ?`)
  const all = db.prepare<[], UserRow>(`${SELECT} ORDER BY u.created_at, u.id`)
  const activeAdmins = db
    .prepare<[], number>(
      "SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND revoked_at IS NULL"
    )
    .pluck()
  const revoke = db.prepare(
    'UPDATE app_user SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'
  )
  const setToken = db.prepare('UPDATE app_user SET token_hash = ?, revoked_at = NULL WHERE id = ?')
  return {
    insert: (user: NewUser): void => void insert.run(user),
    byTokenHash: (hash: Buffer): UserRow | undefined => byHash.get(hash),
    get: (id: string): UserRow | undefined => byId.get(id),
    byOrigin: (origin: UserOrigin): UserRow | undefined => byOrigin.get(origin),
    list: (): UserRow[] => all.all(),
    activeAdmins: (): number => activeAdmins.get() ?? 0,
    /** False when the user was revoked already. */
    revoke: (id: string, at: number): boolean => revoke.run(at, id).changes > 0,
    /** A new token for the environment admin (and active again). */
    setToken: (id: string, hash: Buffer): void => void setToken.run(hash, id)
  }
}
export type UserRepo = ReturnType<typeof createUserRepo>
