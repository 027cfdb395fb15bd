import type { Audience } from '../../../shared/ipc/routes/campaigns'
import type { Db } from '../openDb'
import { audienceSql, columnOf } from './audienceSql'

/** A contact as templates fill it (name, phone and the properties JSON). */
export interface AudienceContact {
  id: number
  phone: string
  name: string | null
  properties: string
}

/** The contacts of an audience that also match one more condition (none: the audience itself). */
export type AudienceCondition =
  | { kind: 'optedOut' }
  /** The property is blank or missing. */
  | { kind: 'blank'; property: string }
  /** The property holds one of `chars`, or `spacesInRow` spaces in a row (a provider's value rule). */
  | { kind: 'refused'; property: string; chars: string[]; spacesInRow: number }

/** COUNT(*) and the smallest phone of one id range (`from` < id ≤ `to`). */
export type RangeCount = (from: number, to: number) => { n: number; example: string | null }

// NOT INDEXED keeps the id range on the rowid: for the audience's phone GLOB the planner chose the
// phone index and read all of it for every step (300,000 contacts in steps of 2,000: 2.2–2.8 s of
// scanning per count instead of 0.15 s).
const RANGE = 'FROM contact c NOT INDEXED WHERE c.id > ? AND c.id <= ?'

/** A value breaking the rule, in SQL; the column once (its JSON path is one bound parameter). */
function refusedSql(column: string, chars: string[], spacesInRow: number): string {
  const found = [
    ...chars.map((ch) => `instr(v, char(${ch.charCodeAt(0)}))`),
    `instr(v, '${' '.repeat(spacesInRow)}')`
  ]
  // NULL (no such property) never matches.
  return `(SELECT ${found.join(' + ')} FROM (SELECT ${column} AS v)) > 0`
}

function conditionSql(
  audience: Audience | undefined,
  condition: AudienceCondition | undefined
): { where: string; params: string[] } {
  if (condition?.kind === 'optedOut') return audienceSql(audience, 'only')
  const { where, params } = audienceSql(audience)
  if (!condition) return { where, params }
  const bound = [...params]
  const column = columnOf(condition.property, bound)
  const extra =
    condition.kind === 'blank'
      ? `trim(COALESCE(${column}, '')) = ''`
      : refusedSql(column, condition.chars, condition.spacesInRow)
  return { where: `${where} AND ${extra}`, params: bound }
}

export type AudienceRepo = ReturnType<typeof createAudienceRepo>

/**
 * Reads of the contacts a campaign's audience draws (the draft check, the preview, the launch
 * estimate and qualification). An audience's statements depend on its filters, so they are
 * prepared per check, once for all of its pages.
 */
export function createAudienceRepo(db: Db) {
  const lastContact = db.prepare<[], number | null>('SELECT MAX(id) FROM contact').pluck()
  const byPhone = db.prepare<[string], AudienceContact>(
    'SELECT id, phone, name, properties FROM contact WHERE phone = ?'
  )
  return {
    /** The newest contact's id (null: no contacts): the bound a launch fixes its audience at. */
    lastContactId: (): number | null => lastContact.get() ?? null,
    contactByPhone: (phone: string): AudienceContact | undefined => byPhone.get(phone),
    /** The audience's first contact in id order, read from the first contact on (the check's sample). */
    first(audience: Audience | undefined): AudienceContact | undefined {
      const { where, params } = audienceSql(audience)
      return db
        .prepare<string[], AudienceContact>(
          // NOT INDEXED: in id order from the first contact (the planner chose the phone index for
          // the audience's GLOB and read all of it, then sorted).
          `SELECT c.id, c.phone, c.name, c.properties FROM contact c NOT INDEXED WHERE ${where}
           ORDER BY c.id LIMIT 1`
        )
        .get(...params)
    },
    /** The audience's first `n` contacts in id order (the bubble preview). */
    sample(audience: Audience | undefined, n: number): AudienceContact[] {
      const { where, params } = audienceSql(audience)
      return db
        .prepare<string[], AudienceContact>(
          `SELECT c.id, c.phone, c.name, c.properties FROM contact c WHERE ${where} ORDER BY c.id LIMIT ${n}`
        )
        .all(...params)
    },
    /** Counts the audience (or those of it matching `condition`) one id range at a time. */
    counter(audience: Audience | undefined, condition?: AudienceCondition): RangeCount {
      const { where, params } = conditionSql(audience, condition)
      const page = db.prepare<(string | number)[], { n: number; example: string | null }>(
        `SELECT COUNT(*) AS n, MIN(c.phone) AS example ${RANGE} AND ${where}`
      )
      return (from, to) => page.get(from, to, ...params)!
    },
    /** The audience per phone prefix (the first four digits after '+') of one id range. */
    prefixCounter(audience: Audience | undefined) {
      const { where, params } = audienceSql(audience)
      const page = db.prepare<(string | number)[], { prefix: string; n: number }>(
        `SELECT substr(c.phone, 2, 4) AS prefix, COUNT(*) AS n ${RANGE} AND ${where} GROUP BY prefix`
      )
      return (from: number, to: number) => page.all(from, to, ...params)
    },
    /** The audience's next `batch` contacts after `after`, up to `until` (qualification's pages). */
    pager(audience: Audience | undefined, batch: number) {
      const { where, params } = audienceSql(audience)
      const statement = db.prepare<unknown[], AudienceContact>(
        `SELECT c.id, c.phone, c.name, c.properties FROM contact c
         WHERE ${where} AND c.id > ? AND c.id <= ? ORDER BY c.id LIMIT ${batch}`
      )
      return (after: number, until: number) => statement.all(...params, after, until)
    }
  }
}
