import type { OptOutRow } from '../../shared/ipc/routes/optOuts'
import { OPT_OUT_SOURCE_LABEL } from '../../shared/domain/optOuts'
import type { OptedOutRow, OptOutRepo } from '../db/repos/optOutRepo'
import { csvLine, isoTime, toCell } from '../reports/csvCell'

function toRow(r: OptedOutRow): OptOutRow {
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
export function createOptOutList(repo: OptOutRepo) {
  return {
    list(offset: number, limit: number) {
      return { total: repo.optedOutCount(), rows: repo.optedOutPage(offset, limit).map(toRow) }
    },
    /** CSV of the whole list; it is one row per opted-out user, so it stays small. */
    csv(): string {
      let text = csvLine(['phone', 'user_id', 'username', 'name', 'opted_out_at', 'how'])
      for (const row of repo.optedOutAll()) {
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
