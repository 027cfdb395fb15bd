import { AppError, ErrorCode } from '../../../shared/ipc/errors'
import type { Contact } from '../../../shared/ipc/routes/contacts'
import type { Db } from '../openDb'
import { createNamesWithWords, parseSearchText } from './searchText'

interface ContactRow {
  id: number
  phone: string
  name: string | null
  properties: string
  updated_at: number
}

export interface ContactPage {
  /** Contacts in the list (or matching the search); at least this many when `totalAtLeast`. */
  total: number
  totalAtLeast: boolean
  rows: Contact[]
  /** The `after` of the next page; null on the last page. */
  next: string | null
}

/** A search counts its matches up to here (any more are "10,000+"), so no count reads them all. */
export const COUNT_CAP = 10_000
const COLUMNS = 'id, phone, name, properties, updated_at'

/**
 * The Contacts page's list and search, paged by key (never OFFSET), each page reading about as
 * many index entries as it shows, whatever the number of contacts. The matching rules are the
 * drill-down's (`searchText.ts`): words of a name are starts of words of the name, through the
 * name-word index (migration 0116); a number is the start of the E.164 number, with or without
 * the '+' (a range of the phone index; the drill-down's "any part without +" would read every
 * contact here). Orders: everyone by id (import order), a name search by name then id, a phone
 * search by phone. `after` is the last row's key of the previous page, as `next` gave it.
 */
export function createContactSearch(db: Db) {
  // Contacts are never deleted and a rowid is only taken by a row that stays (INSERT OR IGNORE
  // takes none), so the largest id is the count, read from the end of the table.
  const count = db.prepare<[], number | null>('SELECT MAX(id) FROM contact').pluck()
  const pageAll = db.prepare<[number, number], ContactRow>(
    `SELECT ${COLUMNS} FROM contact WHERE id > ? ORDER BY id LIMIT ?`
  )
  const countPhones = db
    .prepare<[string, string, number], number>(
      'SELECT COUNT(*) FROM (SELECT 1 FROM contact WHERE phone >= ? AND phone < ? LIMIT ?)'
    )
    .pluck()
  const firstPhones = db.prepare<[string, string, number], ContactRow>(
    `SELECT ${COLUMNS} FROM contact WHERE phone >= ? AND phone < ? ORDER BY phone LIMIT ?`
  )
  const phonesAfter = db.prepare<[string, string, number], ContactRow>(
    `SELECT ${COLUMNS} FROM contact WHERE phone > ? AND phone < ? ORDER BY phone LIMIT ?`
  )
  const namesWithWords = createNamesWithWords(db)
  const countNames = db
    .prepare<[string, number], number>(
      `SELECT COUNT(*) FROM (SELECT 1 FROM contact
       WHERE name IN (SELECT value FROM json_each(?)) LIMIT ?)`
    )
    .pluck()
  const idsOfName = db
    .prepare<[string, number, number], number>(
      'SELECT id FROM contact WHERE name = ? AND id > ? ORDER BY id LIMIT ?'
    )
    .pluck()
  const byIds = db.prepare<[string], ContactRow>(
    `SELECT ${COLUMNS} FROM contact WHERE id IN (SELECT value FROM json_each(?))`
  )

  const capped = (n: number) => ({ total: Math.min(n, COUNT_CAP), totalAtLeast: n > COUNT_CAP })

  function everyone(after: string | undefined, limit: number): ContactPage {
    const from = after === undefined ? 0 : Number(after)
    if (!Number.isInteger(from))
      throw new AppError(ErrorCode.invalidInput, 'after: not the next of a contacts page')
    const rows = pageAll.all(from, limit)
    return {
      total: count.get() ?? 0,
      totalAtLeast: false,
      rows: rows.map(toContact),
      next: rows.length === limit ? String(rows[rows.length - 1]!.id) : null
    }
  }

  function byPhone(digits: string, after: string | undefined, limit: number): ContactPage {
    // Numbers starting with +<digits> sort from there up to the next digit string.
    const from = `+${digits}`
    const to = `+${digits}\u{10ffff}`
    const rows =
      after === undefined ? firstPhones.all(from, to, limit) : phonesAfter.all(after, to, limit)
    return {
      ...capped(countPhones.get(from, to, COUNT_CAP + 1)!),
      rows: rows.map(toContact),
      next: rows.length === limit ? rows[rows.length - 1]!.phone : null
    }
  }

  function byName(
    range: [string, string],
    others: string[],
    after: string | undefined,
    limit: number
  ): ContactPage {
    const names = namesWithWords(range, others)
    const [afterName, afterId] = after === undefined ? ['', 0] : nameCursor(after)
    // Name by name from the cursor: each name's contacts in id order through contact_by_name.
    const keys: [string, number][] = []
    for (const name of names) {
      if (keys.length === limit) break
      if (name < afterName) continue
      const ids = idsOfName.all(name, name === afterName ? afterId : 0, limit - keys.length)
      for (const id of ids) keys.push([name, id])
    }
    const found = new Map(byIds.all(JSON.stringify(keys.map(([, id]) => id))).map((r) => [r.id, r]))
    const last = keys[keys.length - 1]
    return {
      ...capped(names.length ? countNames.get(JSON.stringify(names), COUNT_CAP + 1)! : 0),
      rows: keys.map(([, id]) => toContact(found.get(id)!)),
      next: keys.length === limit && last ? JSON.stringify(last) : null
    }
  }

  return function list(search: string | undefined, after: string | undefined, limit: number) {
    const text = search?.trim()
    if (!text) return everyone(after, limit)
    const parsed = parseSearchText(text)
    if (parsed.kind === 'phone') return byPhone(parsed.digits, after, limit)
    if (parsed.kind === 'name') return byName(parsed.range, parsed.others, after, limit)
    return { total: 0, totalAtLeast: false, rows: [], next: null }
  }
}

/** The `next` of a name search page: [name, id]; anything else is refused, not guessed at. */
function nameCursor(after: string): [string, number] {
  let key: unknown
  try {
    key = JSON.parse(after)
  } catch {
    key = null
  }
  if (
    !Array.isArray(key) ||
    key.length !== 2 ||
    typeof key[0] !== 'string' ||
    !Number.isInteger(key[1])
  )
    throw new AppError(ErrorCode.invalidInput, 'after: not the next of a name search page')
  return key as [string, number]
}

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    properties: JSON.parse(row.properties) as Record<string, string>,
    updatedAt: row.updated_at
  }
}
