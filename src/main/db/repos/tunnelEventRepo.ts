import type { TunnelState } from '../../../shared/ipc/routes/callbacks'
import type { Db } from '../openDb'

export interface TunnelEventRow {
  at: number
  state: TunnelState
  url: string | null
  reason: string | null
}

/** The only writer of `tunnel_event`: the tunnel's history, kept to the newest `keep` rows. */
export function createTunnelEventRepo(db: Db) {
  const insert = db.prepare<[number, string, string | null, string | null]>(
    'INSERT INTO tunnel_event (at, state, url, reason) VALUES (?, ?, ?, ?)'
  )
  const trim = db.prepare<[number]>(
    'DELETE FROM tunnel_event WHERE id <= (SELECT id FROM tunnel_event ORDER BY id DESC LIMIT 1 OFFSET ?)'
  )
  const recent = db.prepare<[number], TunnelEventRow>(
    'SELECT at, state, url, reason FROM tunnel_event ORDER BY id DESC LIMIT ?'
  )
  /** Adds a row and deletes those beyond the newest `keep`, in one transaction. */
  const add = db.transaction((row: TunnelEventRow, keep: number): void => {
    insert.run(row.at, row.state, row.url, row.reason)
    trim.run(keep)
  })
  return {
    add: add as (row: TunnelEventRow, keep: number) => void,
    recent: (limit: number): TunnelEventRow[] => recent.all(limit)
  }
}
export type TunnelEventRepo = ReturnType<typeof createTunnelEventRepo>
