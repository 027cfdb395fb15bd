import type { Db } from '../openDb'

/** A status that matched no message yet (a callback can overtake the send's answer). */
export interface UnmatchedRow {
  id: number
  provider_id: string
  inbox_id: number
  event: string
  received_at: number
}

/** The only writer of `callback_unmatched`: kept, re-tried, resolved once a message matches. */
export function createCallbackUnmatchedRepo(db: Db) {
  const add = db.prepare(
    `INSERT INTO callback_unmatched (provider_id, inbox_id, provider_message_id, our_id, event, received_at)
     VALUES (?, ?, ?, ?, ?, ?)`
  )
  const open = db.prepare<[number, number], UnmatchedRow>(
    `SELECT id, provider_id, inbox_id, event, received_at FROM callback_unmatched
     WHERE resolved_at IS NULL AND received_at > ? ORDER BY id LIMIT ?`
  )
  const resolve = db.prepare('UPDATE callback_unmatched SET resolved_at = ? WHERE id = ?')
  return {
    add(row: {
      providerId: string
      inboxId: number
      providerMessageId: string | null
      ourId: string | null
      event: unknown
      receivedAt: number
    }): void {
      add.run(
        row.providerId,
        row.inboxId,
        row.providerMessageId,
        row.ourId,
        JSON.stringify(row.event),
        row.receivedAt
      )
    },
    /** Unresolved rows received after `since`, oldest first. */
    open: (since: number, limit: number): UnmatchedRow[] => open.all(since, limit),
    resolve: (id: number, at: number): void => void resolve.run(at, id)
  }
}
export type CallbackUnmatchedRepo = ReturnType<typeof createCallbackUnmatchedRepo>
