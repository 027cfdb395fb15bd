import Database from 'better-sqlite3'
import type { EngineContext } from '../engine/context'

/**
 * A separate read-only connection for long exports. A better-sqlite3 connection is busy while
 * an iterator is open, and an export awaits file backpressure between rows: on the engine's own
 * connection that would block callbacks and dispatch. With WAL, this reader sees one consistent
 * snapshot for the whole export while the engine keeps writing.
 */
export function openReadSnapshot(ctx: EngineContext): Database.Database {
  const db = new Database(ctx.db.name, {
    readonly: true,
    fileMustExist: true,
    nativeBinding: ctx.config.nativeBinding
  })
  db.pragma('busy_timeout = 5000')
  return db
}
