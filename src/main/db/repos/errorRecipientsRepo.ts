import type { Db } from '../openDb'
import type { ErrorKind } from './statsCounterKeys'
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
 * A broad search by the start of a number reads the group's rows in that number range (and
 * sorts them) when there are at most this many, instead of the group in list order.
 */
const RANGE_ROWS = 20_000

export type ErrorRecipientsRepo = ReturnType<typeof createErrorRecipientsRepo>

/**
 * The recipients of error groups (the drill-down's reads). A search by name (starts of words) or
 * by the start of a number ('+') first finds the matching contacts, up to NARROW_CONTACTS: when
 * that is all of them, their rows of the group are read by contact and counted exactly; otherwise
 * the group is read in list order, the page taken from the first matches and the count stopped
 * at BROAD_COUNT_CAP (`totalAtLeast`). "Any part of a number" (digits without '+') reads the group.
 */
export function createErrorRecipientsRepo(db: Db) {
  type Statement = ReturnType<Db['prepare']>
  const cache = new Map<
    string,
    {
      page: Statement
      ids: Statement | null
      byIds: Statement
      narrow: Statement | null
      inRange: Statement
      countInRange: Statement
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
        // A broad search by the start of a number whose range holds few of the group's rows:
        // those rows, in list order, at most @cap (the same rows the list-order read finds).
        inRange: db
          .prepare(
            `SELECT m.id FROM message m INDEXED BY ${k.byPhone}
             WHERE m.campaign_id = @campaignId AND m.phone >= @low AND m.phone < @high
               AND ${where.slice(1, condition ? -1 : undefined).join(' AND ')}
             ORDER BY ${k.order} LIMIT @cap`
          )
          .pluck(),
        countInRange: db
          .prepare(
            `SELECT COUNT(*) FROM (SELECT 1 FROM message m INDEXED BY ${k.byPhone}
             WHERE m.campaign_id = @campaignId AND m.phone >= @low AND m.phone < @high
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
      const names = search.kind === 'name' ? namesWithWords(search.range, search.others) : []
      const numbered = search.kind === 'phone' && search.international
      const phones = numbered ? [`+${search.digits}`, `+${search.digits}\u{10ffff}`] : null
      const contacts =
        search.kind === 'name'
          ? contactsNamed.get(JSON.stringify(names), NARROW_CONTACTS + 1)!
          : phones
            ? contactsNumbered.get(phones[0]!, phones[1]!, NARROW_CONTACTS + 1)!
            : null
      let ids: number[]
      let total: number
      let totalAtLeast = false
      if (contacts !== null && contacts <= NARROW_CONTACTS) {
        const bounds = { names: JSON.stringify(names), low: phones?.[0], high: phones?.[1] }
        ids = s.narrow!.all({ ...params, ...bounds }) as number[]
        total = ids.length
      } else {
        const cap = Math.max(BROAD_COUNT_CAP, offset + limit) + 1
        const range = phones && { low: phones[0], high: phones[1] }
        const few =
          range !== null &&
          (s.countInRange.get({ ...params, ...range, most: RANGE_ROWS + 1 }) as number) <=
            RANGE_ROWS
        ids = (
          few
            ? s.inRange.all({ ...params, ...range, cap })
            : s.ids!.all({ ...params, names: JSON.stringify(names), cap })
        ) as number[]
        totalAtLeast = ids.length === cap
        total = totalAtLeast ? cap - 1 : ids.length
      }
      const wanted = ids.slice(offset, offset + limit)
      const rows = s.byIds.all(JSON.stringify(wanted)) as ErrorRecipientRow[]
      const byId = new Map(rows.map((r) => [r.id, r]))
      return { rows: wanted.map((id) => byId.get(id)!), total, totalAtLeast }
    }
  }
}
