import type { Db } from '../openDb'
import { createNameWords } from './contactNameWords'
import { createContactSearch } from './contactSearch'

export interface ContactUpsert {
  phone: string
  name: string | null
  properties: Record<string, string>
}

export type ContactRepo = ReturnType<typeof createContactRepo>

/** A contact of a bulk load (`properties` already JSON). */
export interface BulkContact {
  phone: string
  name: string
  properties: string
}

/** Contacts per statement of a bulk load (`bulkLoad().ids`). */
export const BULK_ROWS = 50

export function createContactRepo(db: Db) {
  const findByPhone = db.prepare<[string], { id: number; name: string | null; properties: string }>(
    'SELECT id, name, properties FROM contact WHERE phone = ?'
  )
  const insert = db.prepare(
    'INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'
  )
  const update = db.prepare(
    'UPDATE contact SET name = ?, properties = ?, updated_at = ? WHERE id = ?'
  )
  const insertIfNew = db.prepare(
    'INSERT OR IGNORE INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'
  )
  const insertManyIfNew = db.prepare(
    `INSERT OR IGNORE INTO contact (phone, name, properties, created_at, updated_at) VALUES
     ${Array<string>(BULK_ROWS).fill('(?, ?, ?, ?, ?)').join(', ')}`
  )
  // The name search index (migration 0116) is written here, with the contact, and nowhere else.
  const indexName = createNameWords(db)
  const idByPhone = db.prepare<[string], { id: number }>('SELECT id FROM contact WHERE phone = ?')
  const lastId = db.prepare<[], number | null>('SELECT MAX(id) FROM contact').pluck()
  const namesAfter = db
    .prepare<[number], string>(
      'SELECT DISTINCT name FROM contact WHERE id > ? AND name IS NOT NULL'
    )
    .pluck()
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM contact')
  const list = createContactSearch(db)
  const propertySample = db.prepare<[], { properties: string }>(
    'SELECT properties FROM contact ORDER BY id DESC LIMIT 2000'
  )
  // The same recent sample: which property holds a value (whatever its case) most often.
  const propertyHolding = db
    .prepare<[string], string>(
      `SELECT j.key FROM (SELECT properties FROM contact ORDER BY id DESC LIMIT 2000) c,
         json_each(c.properties) j
       WHERE lower(j.value) = lower(?) GROUP BY j.key ORDER BY COUNT(*) DESC, j.key LIMIT 1`
    )
    .pluck()

  /** Inserts or updates a batch in one transaction; an existing phone keeps its other properties. */
  const upsertBatch = db.transaction((rows: ContactUpsert[], now: number) => {
    let imported = 0
    let updated = 0
    for (const row of rows) {
      const existing = findByPhone.get(row.phone)
      if (existing) {
        const merged = {
          ...(JSON.parse(existing.properties) as Record<string, string>),
          ...row.properties
        }
        const name = row.name ?? existing.name
        update.run(name, JSON.stringify(merged), now, existing.id)
        indexName(name)
        updated++
      } else {
        insert.run(row.phone, row.name, JSON.stringify(row.properties), now, now)
        indexName(row.name)
        imported++
      }
    }
    return { imported, updated }
  })

  return {
    /** `now`: the engine's (every engine caller passes it); tests may leave it out. */
    upsertBatch: (rows: ContactUpsert[], now = Date.now()) => upsertBatch(rows, now),
    /**
     * A bulk load's contact writer (the demo generator), used inside one transaction of the
     * caller: `id` returns the id of the contact with a phone, inserting it when the phone is
     * new (an existing contact is left as it is; `properties` is already JSON); `done` indexes
     * the names of the new contacts for search, once per distinct name (a probe per contact
     * cost ~1.6 µs), and must run before that transaction commits.
     */
    bulkLoad(now: number): {
      id(phone: string, name: string, properties: string): number
      /** `id` of each of BULK_ROWS contacts, in one statement (half the CPU of one by one). */
      ids(rows: readonly BulkContact[]): number[]
      done(): void
    } {
      const before = lastId.get() ?? 0
      const id = (phone: string, name: string, properties: string): number => {
        const info = insertIfNew.run(phone, name, properties, now, now)
        return info.changes > 0 ? Number(info.lastInsertRowid) : idByPhone.get(phone)!.id
      }
      return {
        id,
        ids(rows) {
          if (rows.length !== BULK_ROWS) return rows.map((r) => id(r.phone, r.name, r.properties))
          const values: unknown[] = []
          for (const r of rows) values.push(r.phone, r.name, r.properties, now, now)
          const info = insertManyIfNew.run(values)
          // All new: one statement's rows take consecutive ids, the last one's given. Otherwise
          // some phones were known: every id is looked up.
          const last = Number(info.lastInsertRowid)
          return info.changes === BULK_ROWS
            ? rows.map((_, i) => last - BULK_ROWS + 1 + i)
            : rows.map((r) => idByPhone.get(r.phone)!.id)
        },
        done() {
          for (const name of namesAfter.all(before)) indexName(name)
        }
      }
    },
    idByPhone: (phone: string): number | undefined => idByPhone.get(phone)?.id,
    count: (): number => countAll.get()!.n,
    /** The Contacts page: list and search paged by key (see contactSearch.ts). */
    list,
    /** Property names seen on recent contacts, for audience filters and template parameters. */
    propertyNames(): string[] {
      const names = new Set<string>()
      for (const row of propertySample.all())
        for (const key of Object.keys(JSON.parse(row.properties) as object)) names.add(key)
      return [...names].sort()
    },
    /**
     * The property of recent contacts that holds this value (a template's example "Pune" is a
     * `city`), or null: what a template variable is suggested to be mapped to.
     */
    propertyHolding: (value: string): string | null => propertyHolding.get(value) ?? null
  }
}
