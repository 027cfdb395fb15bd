import type { Clock } from '../kernel/kernel'
import type { ContactRepo, ContactUpsert } from '../db/repos/contactRepo'
import { streamCsv, type CsvProblem } from './csvRows'
import { normalisePhone } from './phone'

export interface ImportProgress {
  (processedBytes: number, totalBytes: number, processedLines: number): void
}

export interface ContactImportResult {
  imported: number
  updated: number
  rejected: CsvProblem[]
}

const MAX_REPORTED = 10_000

/**
 * Imports contacts from CSV: `phone` required, `name` optional, every other column a property.
 * Good rows land batch by batch even when other rows are rejected; a phone seen again (in the
 * file or already stored) updates the contact.
 */
export async function importContacts(
  repo: ContactRepo,
  csv: string,
  defaultCountry: string | undefined,
  onProgress: ImportProgress | undefined,
  clock: Clock
): Promise<ContactImportResult> {
  const result: ContactImportResult = { imported: 0, updated: 0, rejected: [] }
  const reject = (p: CsvProblem): void => {
    if (result.rejected.length < MAX_REPORTED) result.rejected.push(p)
  }
  let phoneColumn = 'phone'
  let nameColumn: string | null = null
  let headerOk = false
  await streamCsv(csv, {
    header(columns) {
      const lower = columns.map((c) => c.toLowerCase())
      const phoneIndex = lower.indexOf('phone')
      if (phoneIndex < 0) {
        reject({
          line: 1,
          reason: `header has no "phone" column (found: ${columns.join(', ') || 'nothing'})`
        })
        return
      }
      const empty = columns.findIndex((c) => c === '')
      if (empty >= 0) {
        reject({ line: 1, reason: `header column ${empty + 1} has no name` })
        return
      }
      const dup = columns.find((c, i) => lower.indexOf(c.toLowerCase()) !== i)
      if (dup) {
        reject({ line: 1, reason: `header names the column "${dup}" twice` })
        return
      }
      phoneColumn = columns[phoneIndex]!
      const nameIndex = lower.indexOf('name')
      nameColumn = nameIndex >= 0 ? columns[nameIndex]! : null
      headerOk = true
    },
    batch(records) {
      if (!headerOk) return
      const rows: ContactUpsert[] = []
      for (const { line, values } of records) {
        const phone = normalisePhone(values[phoneColumn] ?? '', defaultCountry)
        if (!phone.ok) {
          reject({ line, reason: phone.reason })
          continue
        }
        const properties: Record<string, string> = {}
        for (const [key, value] of Object.entries(values))
          if (key !== phoneColumn && key !== nameColumn && value !== '') properties[key] = value
        const name = nameColumn ? (values[nameColumn]?.trim() ?? '') : ''
        rows.push({ phone: phone.e164, name: name || null, properties })
      }
      const counts = repo.upsertBatch(rows, clock.now())
      result.imported += counts.imported
      result.updated += counts.updated
    },
    problem: reject,
    progress: onProgress
  })
  if (!headerOk && result.rejected.length === 0) reject({ line: 1, reason: 'the file is empty' })
  result.rejected.sort((a, b) => a.line - b.line)
  return result
}
