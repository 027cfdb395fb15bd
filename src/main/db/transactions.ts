import type { Db } from './openDb'

/**
 * Runs a function as one unit of work across several repositories (better-sqlite3's
 * `db.transaction`: synchronous, never awaiting; nested calls become savepoints). Services that
 * write through more than one repository receive this instead of the connection.
 */
export type Transact = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R

/** The transaction seam of one connection; built once in the composition root. */
export function transactionsOf(db: Db): Transact {
  return (fn) => db.transaction(fn)
}
