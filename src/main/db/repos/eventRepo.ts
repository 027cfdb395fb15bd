import { multiRowInsert } from '../multiRowInsert'
import type { Db } from '../openDb'

export interface ContactEventInsert {
  contactId: number
  event: string
  at: number
  revenue: number | null
  properties: Record<string, string>
  source: 'import' | 'api' | 'sandbox' | 'demo'
}

export type EventRepo = ReturnType<typeof createEventRepo>

export function createEventRepo(db: Db) {
  const rows = multiRowInsert(
    db,
    'INSERT INTO contact_event (contact_id, event, at, revenue, properties, source, created_at)',
    7
  )
  const summary = db.prepare<[], { event: string; count: number; revenue: number }>(
    `SELECT event, COUNT(*) AS count, COALESCE(SUM(revenue), 0) AS revenue
     FROM contact_event GROUP BY event ORDER BY count DESC`
  )
  const insertBatch = db.transaction((batch: ContactEventInsert[], now: number) => {
    const writer = bulkWriter(now)
    for (const r of batch) writer.add(r)
    writer.flush()
    return batch.length
  })
  /** Buffered event writer inside one transaction of the caller: `flush` before it commits. */
  function bulkWriter(now: number) {
    const writer = rows()
    return {
      add: (r: ContactEventInsert): void =>
        writer.add([
          r.contactId,
          r.event,
          r.at,
          r.revenue,
          JSON.stringify(r.properties),
          r.source,
          now
        ]),
      flush: (): void => writer.flush()
    }
  }
  return {
    /** `now`: the engine's (every engine caller passes it); tests and benches may leave it out. */
    insertBatch: (batch: ContactEventInsert[], now = Date.now()): number => insertBatch(batch, now),
    bulkWriter,
    summary: () => summary.all()
  }
}
