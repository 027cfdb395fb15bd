import type { AuditEntry } from '../../../shared/ipc/routes/users'
import type { Db } from '../openDb'

export type NewAuditEntry = Omit<AuditEntry, 'id'>

const COLUMNS = `id, at, user_id AS userId, user_name AS user, route, target_id AS targetId,
  outcome, code`

/** The `audit_entry` table: append-only, one INSERT per audited call. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_entry (at, user_id, user_name, route, target_id, outcome, code)
     VALUES (@at, @userId, @user, @route, @targetId, @outcome, @code)`
  )
  const page = db.prepare<[number, number], AuditEntry>(
    `SELECT ${COLUMNS} FROM audit_entry WHERE id < ? ORDER BY id DESC LIMIT ?`
  )
  const oldestFirst = db.prepare<[number, number], AuditEntry>(
    `SELECT ${COLUMNS} FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?`
  )
  return {
    insert: (entry: NewAuditEntry): void => void insert.run(entry),
    /** Newest first, below `before` (an entry id). */
    page: (before: number, limit: number): AuditEntry[] => page.all(before, limit),
    /** Oldest first, after `after`: the CSV export reads the log in chunks. */
    chunkAfter: (after: number, limit: number): AuditEntry[] => oldestFirst.all(after, limit)
  }
}
export type AuditRepo = ReturnType<typeof createAuditRepo>
