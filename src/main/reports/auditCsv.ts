import type { AuditEntry } from '../../shared/ipc/routes/users'
import type { FileTarget } from '../db/placeFile'
import { writeCsvFile } from './csvFile'
import type { CellValue } from './csvCell'

/** Reads the audit log oldest first, after an entry id (the log is read in chunks). */
export type AuditChunks = (after: number, limit: number) => AuditEntry[]

const CHUNK = 1000
const HEADER = ['id', 'time_utc', 'user_id', 'user_name', 'route', 'target_id', 'outcome', 'code']

function* auditRows(chunkAfter: AuditChunks): Generator<CellValue[]> {
  let after = 0
  for (;;) {
    const chunk = chunkAfter(after, CHUNK)
    if (chunk.length === 0) return
    for (const e of chunk)
      yield [
        e.id,
        new Date(e.at).toISOString(),
        e.userId,
        e.user,
        e.route,
        e.targetId,
        e.outcome,
        e.code
      ]
    after = chunk[chunk.length - 1]!.id
  }
}

/** The whole audit log as CSV, oldest first (cells neutralised as in every export). */
export async function exportAuditCsv(
  chunkAfter: AuditChunks,
  target: FileTarget
): Promise<{ path: string; bytes: number }> {
  const written = await writeCsvFile(target, HEADER, auditRows(chunkAfter))
  return { path: written.path, bytes: written.bytes }
}
