import type { Db } from '../openDb'
import type { ErrorKind } from './statsCounterKeys'
import { phonePartPrefixes } from './phonePartPrefixes'
import { createNamesWithWords, type SearchText } from './searchText'

/** One recipient of an error group, as the drill-down lists it. */
export interface ErrorRecipientRow {
  id: number
  phone: string
  name: string | null
  code: string
  at: number | null
  providerMessage: string | null
  /** Delivery errors: whether the failure came from a callback or a lookup (null: not logged). */
  source: 'callback' | 'lookup' | null
}

/** Which rows: a campaign's group of one kind (one code, or all), one page of them. */
export interface ErrorRecipientQuery {
  campaignId: string
  kind: ErrorKind
  /** null: every code of the kind; the kind's null code also finds rows without a code. */
  code: string | null
  search: SearchText
  limit: number
  offset: number
}

/** Per kind: the rows of an error group, matching the partial indexes of migration 0030. */
const KIND_SQL: Record<
  ErrorKind,
  {
    select: string
    where: string
    code: string
    nullCode: string
    byCode: string
    byTime: string
    /** Partial index of the group by (campaign_id, contact_id): the narrow search's probes. */
    byContact: string
    /** Partial index of the group by (campaign_id, phone): a broad search's number ranges. */
    byPhone: string
    /** The list order: `at` (latest first), then the row id. */
    at: string
    order: string
  }
> = {
  dispatch: {
    select: `COALESCE(m.dispatch_error, 'provider_error') AS code, m.dispatched_at AS at,
      NULLIF(TRIM(COALESCE(m.provider_code || ': ', '') || COALESCE(m.provider_error, '')), '') AS providerMessage,
      NULL AS source`,
    where: `m.dispatch_state = 'error'`,
    code: 'm.dispatch_error',
    nullCode: 'provider_error',
    byCode: 'message_dispatch_error_by_code_cover',
    byTime: 'message_dispatch_error_by_time_cover',
    byContact: 'message_dispatch_error_by_contact',
    byPhone: 'message_dispatch_error_by_phone',
    at: 'm.dispatched_at',
    order: 'm.dispatched_at DESC, m.id DESC'
  },
  delivery: {
    // Where the failure came from, in the same statement (a query per row cost a page 40%).
    select: `COALESCE(m.failure_code, 'unknown') AS code, m.failed_at AS at, m.failure_title AS providerMessage,
      (SELECT source FROM message_status_log WHERE message_id = m.id AND status = 'failed') AS source`,
    where: `m.dispatch_state = 'sent' AND m.status = 'failed'`,
    code: 'm.failure_code',
    nullCode: 'unknown',
    byCode: 'message_failed_by_code_cover',
    byTime: 'message_failed_by_time_cover',
    byContact: 'message_failed_by_contact',
    byPhone: 'message_failed_by_phone',
    at: 'm.failed_at',
    order: 'm.failed_at DESC, m.id DESC'
  }
}

/**
 * The search condition on `m` when the group's rows are read in list order (a broad search, see
 * below): the phone is in the group's covering index (no message or contact row is read to test
 * it); a name is tested on the row's contact against the names that have the searched words.
 */
const SEARCH_SQL: Record<SearchText['kind'], string | null> = {
  phone: `m.phone LIKE @like`,
  name: `(SELECT name FROM contact WHERE id = m.contact_id) IN (SELECT value FROM json_each(@names))`,
  nothing: null
}

/**
 * A search is narrow when at most this many contacts match it in the whole file: their rows of
 * the group are then read through (campaign_id, contact_id), one probe per contact, and counted
 * exactly. A broader one reads the group in list order and stops at BROAD_COUNT_CAP matches, so
 * neither reads more than a bounded number of rows, whatever the size of the file or campaign.
 */
export const NARROW_CONTACTS = 20_000

/** The contacts a narrow search reads (on the name or phone index) before probing their rows. */
const NARROW_SQL: Record<SearchText['kind'], string | null> = {
  phone: `c.phone >= @low AND c.phone < @high`,
  name: `c.name IN (SELECT value FROM json_each(@names))`,
  nothing: null
}
export const BROAD_COUNT_CAP = 300
/**
 * A broad search by a number (its start, or any part: see `phonePartPrefixes`) reads the group's
 * rows in those number ranges (and sorts them) when there are at most this many, instead of the
 * group in list order.
 */
const RANGE_ROWS = 20_000
/** Seeks of the skip scan that finds where "any part of a number" can be (then: list order). */
const PREFIX_SEEKS = 5_000
/**
 * A name search broader than NARROW_CONTACTS still probes its contacts' rows (see the narrow
 * read), keeping the first matches and the capped count the list-order read would give, when
 * that costs less: probing M contacts costs ~M probes, reading the list until BROAD_COUNT_CAP
 * matches ~cap × contacts / M rows, and a probe costs ~1/PROBE_RATIO of a listed row (each listed
 * row looks its contact's name up): measured at 10M recipients, 33,512 probes for 'priya pa'
 * against the 90,000 rows its list-order read takes. So probing wins up to
 * sqrt(PROBE_RATIO × cap × contacts) matching contacts (~70,000 at 10M).
 */
const PROBE_RATIO = 1.5

/** Tests move the thresholds to reach each read on a small file. */
export interface ErrorRecipientsTuning {
  narrowContacts: number
  probeRatio: number
}

export type ErrorRecipientsRepo = ReturnType<typeof createErrorRecipientsRepo>

/**
 * The recipients of error groups (the drill-down's reads). A search by name (starts of words) or
 * by the start of a number ('+') first finds the matching contacts, up to NARROW_CONTACTS: when
 * that is all of them, their rows of the group are read by contact and counted exactly; otherwise
 * the count stops at BROAD_COUNT_CAP (`totalAtLeast`) and the page comes from the first matches in
 * list order, found the cheapest of three ways, each giving the same rows: a name's contacts
 * probed (up to PROBE_RATIO's bound), a number's ranges in the group's phone index (its start, or
 * every place "any part of a number" can be: `phonePartPrefixes`) when they hold few rows, or else
 * the group read in list order until the cap (then the matches are dense, so that read is short).
 */
export function createErrorRecipientsRepo(db: Db, tuning: Partial<ErrorRecipientsTuning> = {}) {
  const narrowContacts = tuning.narrowContacts ?? NARROW_CONTACTS
  const probeRatio = tuning.probeRatio ?? PROBE_RATIO
  type Statement = ReturnType<Db['prepare']>
  const cache = new Map<
    string,
    {
      page: Statement
      ids: Statement | null
      byIds: Statement
      narrow: Statement | null
      inPrefixes: Statement
      countInPrefixes: Statement
    }
  >()
  const namesWithWords = createNamesWithWords(db)
  // How many contacts a search matches, counted up to a limit on the name or phone index alone.
  const contactsNamed = db
    .prepare<[string, number], number>(
      'SELECT COUNT(*) FROM (SELECT 1 FROM contact WHERE name IN (SELECT value FROM json_each(?)) LIMIT ?)'
    )
    .pluck()
  const contactsNumbered = db
    .prepare<[string, string, number], number>(
      'SELECT COUNT(*) FROM (SELECT 1 FROM contact WHERE phone >= ? AND phone < ? LIMIT ?)'
    )
    .pluck()
  // Contacts are never deleted (see contactSearch.ts): the largest id is their number.
  const contactCount = db.prepare<[], number | null>('SELECT MAX(id) FROM contact').pluck()
  // Per kind: the smallest number of the group at or after a string (the skip scan's seek).
  const firstPhoneOf = (kind: ErrorKind) =>
    db
      .prepare<[string, string], string>(
        `SELECT m.phone FROM message m INDEXED BY ${KIND_SQL[kind].byPhone}
         WHERE m.campaign_id = ? AND ${KIND_SQL[kind].where} AND m.phone >= ?
         ORDER BY m.phone LIMIT 1`
      )
      .pluck()
  const firstPhone = { dispatch: firstPhoneOf('dispatch'), delivery: firstPhoneOf('delivery') }

  function statements(kind: ErrorKind, byCode: boolean, nullCode: boolean, search: SearchText) {
    const key = `${kind}|${byCode}|${nullCode}|${search.kind}`
    let s = cache.get(key)
    if (!s) {
      const k = KIND_SQL[kind]
      const where = [`m.campaign_id = @campaignId`, k.where]
      if (byCode)
        where.push(nullCode ? `(${k.code} = @code OR ${k.code} IS NULL)` : `${k.code} = @code`)
      const condition = SEARCH_SQL[search.kind]
      if (condition) where.push(condition)
      // The planner picks the broad dispatch index for COUNT(*); the partial error indexes are far smaller.
      const index = byCode ? k.byCode : k.byTime
      const filtered = `FROM message m INDEXED BY ${index}`
      const whereSql = `WHERE ${where.join(' AND ')}`
      const columns = `m.id, m.phone, c.name, ${k.select}`
      // The group's rows whose number starts with one of @prefixes (a JSON array).
      const inPrefixes = `FROM json_each(@prefixes) p CROSS JOIN message m INDEXED BY ${k.byPhone}
        WHERE m.campaign_id = @campaignId
          AND m.phone >= p.value AND m.phone < p.value || char(${0x10ffff})`
      s = {
        page: db.prepare(
          `SELECT ${columns} ${filtered} JOIN contact c ON c.id = m.contact_id
           ${whereSql} ORDER BY ${k.order} LIMIT @limit OFFSET @offset`
        ),
        // A broad search: the first matching rows in list order, at most @cap of them.
        ids: !condition
          ? null
          : db
              .prepare(`SELECT m.id ${filtered} ${whereSql} ORDER BY ${k.order} LIMIT @cap`)
              .pluck(),
        // A narrow one: the group's rows of the matching contacts, in list order. CROSS JOIN
        // keeps the contacts outside (read on the name or phone index): one probe of the group's
        // (campaign_id, contact_id) index each, where the planner would otherwise read the
        // whole group and test each row.
        narrow: !NARROW_SQL[search.kind]
          ? null
          : db
              .prepare(
                `SELECT m.id FROM contact c CROSS JOIN message m INDEXED BY ${k.byContact}
                 WHERE ${NARROW_SQL[search.kind]} AND m.campaign_id = @campaignId
                   AND m.contact_id = c.id AND ${where.slice(1, -1).join(' AND ')}
                 ORDER BY ${k.order}`
              )
              .pluck(),
        // A broad search by a number whose ranges (@prefixes, see phonePartPrefixes) hold few
        // of the group's rows: those rows, in list order, at most @cap (the same rows the
        // list-order read finds). A row in two ranges (its number has the digits twice) once.
        inPrefixes: db
          .prepare(
            `SELECT id FROM (SELECT DISTINCT m.id AS id, ${k.at} AS at ${inPrefixes}
               AND ${where.slice(1, condition ? -1 : undefined).join(' AND ')})
             ORDER BY at DESC, id DESC LIMIT @cap`
          )
          .pluck(),
        // How many (a row in two ranges twice), up to @most.
        countInPrefixes: db
          .prepare(
            `SELECT COUNT(*) FROM (SELECT 1 ${inPrefixes}
               AND ${where.slice(1, condition ? -1 : undefined).join(' AND ')} LIMIT @most)`
          )
          .pluck(),
        byIds: db.prepare(
          `SELECT ${columns} FROM message m JOIN contact c ON c.id = m.contact_id
           WHERE m.id IN (SELECT value FROM json_each(?))`
        )
      }
      cache.set(key, s)
    }
    return s
  }

  function paramsOf(q: ErrorRecipientQuery) {
    const { search } = q
    return {
      campaignId: q.campaignId,
      code: q.code,
      like: search.kind === 'phone' ? search.like : null,
      from: search.kind === 'name' ? search.range[0] : null,
      to: search.kind === 'name' ? search.range[1] : null,
      limit: q.limit,
      offset: q.offset
    }
  }
  /**
   * Whether probing a broad name search's contacts costs less than reading the list (see
   * PROBE_RATIO). Only a question of cost (both give the same answer), so the number of
   * contacts is estimated without counting them all: the first name's, counted up to its share
   * of the bound, times the number of names.
   */
  function probeCosts(names: string[], cap: number): 'less' | 'more' {
    const most = Math.floor(Math.sqrt(probeRatio * cap * (contactCount.get() ?? 0)))
    if (most <= narrowContacts || names.length === 0) return 'more'
    const share = Math.ceil((most + 1) / names.length)
    const first = contactsNamed.get(JSON.stringify(names.slice(0, 1)), share)!
    return first * names.length <= most ? 'less' : 'more'
  }
  const statementsOf = (q: ErrorRecipientQuery) =>
    statements(q.kind, q.code !== null, q.code === KIND_SQL[q.kind].nullCode, q.search)

  return {
    /** A page of the group in list order, without a search (its total is the counters'). */
    page(q: ErrorRecipientQuery): ErrorRecipientRow[] {
      return statementsOf(q).page.all(paramsOf(q)) as ErrorRecipientRow[]
    },
    /** A page of the group's rows that match a search, and how many match (at least, if broad). */
    search(q: ErrorRecipientQuery): {
      rows: ErrorRecipientRow[]
      total: number
      totalAtLeast: boolean
    } {
      const s = statementsOf(q)
      const { search, offset, limit } = q
      const params = paramsOf(q)
      const cap = Math.max(BROAD_COUNT_CAP, offset + limit) + 1
      const names = search.kind === 'name' ? namesWithWords(search.range, search.others) : []
      const numbered = search.kind === 'phone' && search.international
      const phones = numbered ? [`+${search.digits}`, `+${search.digits}\u{10ffff}`] : null
      const contacts =
        search.kind === 'name'
          ? contactsNamed.get(JSON.stringify(names), narrowContacts + 1)!
          : phones
            ? contactsNumbered.get(phones[0]!, phones[1]!, narrowContacts + 1)!
            : null
      let ids: number[]
      const narrow = contacts !== null && contacts <= narrowContacts
      if (narrow || (search.kind === 'name' && probeCosts(names, cap) === 'less')) {
        const bounds = { names: JSON.stringify(names), low: phones?.[0], high: phones?.[1] }
        ids = s.narrow!.all({ ...params, ...bounds }) as number[]
        if (narrow) {
          const rows = byIdsInOrder(s.byIds, ids.slice(offset, offset + limit))
          return { rows, total: ids.length, totalAtLeast: false }
        }
        // Probed instead of read in list order: the same first `cap`, the same capped count.
        ids = ids.slice(0, cap)
      } else {
        const prefixes =
          search.kind !== 'phone'
            ? null
            : search.international
              ? [`+${search.digits}`]
              : phonePartPrefixes(
                  search.digits,
                  (from) => firstPhone[q.kind].get(q.campaignId, from),
                  PREFIX_SEEKS
                )
        const inPrefixes = prefixes && { prefixes: JSON.stringify(prefixes) }
        const few =
          inPrefixes !== null &&
          (s.countInPrefixes.get({ ...params, ...inPrefixes, most: RANGE_ROWS + 1 }) as number) <=
            RANGE_ROWS
        ids = (
          few
            ? s.inPrefixes.all({ ...params, ...inPrefixes, cap })
            : s.ids!.all({ ...params, names: JSON.stringify(names), cap })
        ) as number[]
      }
      const totalAtLeast = ids.length === cap
      const rows = byIdsInOrder(s.byIds, ids.slice(offset, offset + limit))
      return { rows, total: totalAtLeast ? cap - 1 : ids.length, totalAtLeast }
    }
  }
}

/** The rows of `ids` (one page), in that order. */
function byIdsInOrder(byIds: ReturnType<Db['prepare']>, ids: number[]): ErrorRecipientRow[] {
  const rows = byIds.all(JSON.stringify(ids)) as ErrorRecipientRow[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)!)
}
