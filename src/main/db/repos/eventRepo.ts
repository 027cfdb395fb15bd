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
  const insert = db.prepare(
    `INSERT INTO contact_event (contact_id, event, at, revenue, properties, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )
  const summary = db.prepare<[], { event: string; count: number; revenue: number }>(
    `SELECT event, COUNT(*) AS count, COALESCE(SUM(revenue), 0) AS revenue
     FROM contact_event GROUP BY event ORDER BY count DESC`
  )
  const insertBatch = db.transaction((rows: ContactEventInsert[], now: number) => {
    for (const r of rows)
      insert.run(r.contactId, r.event, r.at, r.revenue, JSON.stringify(r.properties), r.source, now)
    return rows.length
  })
  return {
    insertBatch: (rows: ContactEventInsert[], now = Date.now()): number => insertBatch(rows, now),
    summary: () => summary.all()
  }
}
