import type { OptOutRow } from '../../shared/ipc/routes/optOuts'
import { OPT_OUT_SOURCE_LABEL } from '../../shared/domain/optOuts'
import type { Db } from '../db/openDb'
import { csvLine, isoTime, toCell } from '../reports/csvCell'

interface Row {
  subject: string
  user_id: string | null
  at: number
  source: OptOutRow['source']
  username: string | null
  name: string | null
}

const SELECT = `SELECT o.subject, o.user_id, o.at, o.source,
    (SELECT i.username FROM user_identity i
     WHERE i.user_id = o.user_id OR (i.phone = o.subject AND i.username IS NOT NULL) LIMIT 1) AS username,
    (SELECT c.name FROM contact c WHERE c.phone = o.subject) AS name
  FROM contact_opt_out o WHERE o.stopped = 1`

function toRow(r: Row): OptOutRow {
  const bsuidOnly = r.subject.startsWith('bsuid:')
  return {
    phone: bsuidOnly ? null : r.subject,
    userId: r.user_id ?? (bsuidOnly ? r.subject.slice(6) : null),
    username: r.username,
    name: r.name,
    at: r.at,
    source: r.source
  }
}

/** Who is opted out of marketing messages right now: who, when, how (Contacts page). */
export function createOptOutList(db: Db) {
  const total = db.prepare<[], number>('SELECT COUNT(*) FROM contact_opt_out WHERE stopped = 1')
  total.pluck()
  const page = db.prepare<[number, number], Row>(`${SELECT} ORDER BY o.at DESC LIMIT ? OFFSET ?`)
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY o.at DESC`)
  return {
    list(offset: number, limit: number) {
      return { total: total.get() ?? 0, rows: page.all(limit, offset).map(toRow) }
    },
    /** CSV of the whole list; it is one row per opted-out user, so it stays small. */
    csv(): string {
      let text = csvLine(['phone', 'user_id', 'username', 'name', 'opted_out_at', 'how'])
      for (const row of all.iterate()) {
        const r = toRow(row)
        text += csvLine(
          [
            r.phone,
            r.userId,
            r.username,
            r.name,
            isoTime(r.at),
            OPT_OUT_SOURCE_LABEL[r.source]
          ].map(toCell)
        )
      }
      return text
    }
  }
}
