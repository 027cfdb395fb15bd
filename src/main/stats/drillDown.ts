import type { ErrorExplanation } from '../../shared/domain/errorDictionary'
import type { Output, ParsedInput } from '../../shared/ipc/contract'
import type { Db } from '../db/openDb'
import { errorGroupKey, errorKeys } from '../db/repos/statsCounterKeys'
import { createNamesWithWords, parseSearchText, type SearchText } from '../db/repos/searchText'
import type { CampaignRef, Counters, ErrorKind } from './statsTypes'

type Input = ParsedInput<'stats.errorRecipients'>
type Result = Output<'stats.errorRecipients'>

interface Row {
  id: number
  phone: string
  name: string | null
  code: string
  at: number | null
  providerMessage: string | null
}

const DEFAULT_LIMIT = 50

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
    order: string
  }
> = {
  dispatch: {
    select: `COALESCE(m.dispatch_error, 'provider_error') AS code, m.dispatched_at AS at,
      NULLIF(TRIM(COALESCE(m.provider_code || ': ', '') || COALESCE(m.provider_error, '')), '') AS providerMessage`,
    where: `m.dispatch_state = 'error'`,
    code: 'm.dispatch_error',
    nullCode: 'provider_error',
    byCode: 'message_dispatch_error_by_code_cover',
    byTime: 'message_dispatch_error_by_time_cover',
    order: 'm.dispatched_at DESC, m.id DESC'
  },
  delivery: {
    select: `COALESCE(m.failure_code, 'unknown') AS code, m.failed_at AS at, m.failure_title AS providerMessage`,
    where: `m.dispatch_state = 'sent' AND m.status = 'failed'`,
    code: 'm.failure_code',
    nullCode: 'unknown',
    byCode: 'message_failed_by_code_cover',
    byTime: 'message_failed_by_time_cover',
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
export const BROAD_COUNT_CAP = 300

/**
 * Paginated, searchable recipients of an error group (or of every group of a kind). Totals come
 * from the counters unless a search narrows the list. A search by name (starts of words) or by
 * the start of a number ('+') first finds the matching contacts, up to NARROW_CONTACTS: when
 * that is all of them, their rows of the group are read by contact and counted exactly; otherwise
 * the group is read in list order, the page taken from the first matches and the count stopped
 * at BROAD_COUNT_CAP (`totalAtLeast`). "Any part of a number" (digits without '+') reads the group.
 */
export function createDrillDown(
  db: Db,
  explain: (campaign: CampaignRef, kind: ErrorKind, code: string) => ErrorExplanation
) {
  type Statement = ReturnType<Db['prepare']>
  const failedSource = db.prepare<[number], 'callback' | 'lookup'>(
    `SELECT source FROM message_status_log WHERE message_id = ? AND status = 'failed'`
  )
  failedSource.pluck()
  const cache = new Map<
    string,
    { page: Statement; ids: Statement | null; byIds: Statement; narrow: Statement }
  >()
  const namesWithWords = createNamesWithWords(db)
  const contactsNamed = db
    .prepare<[string, number], number>(
      'SELECT id FROM contact WHERE name IN (SELECT value FROM json_each(?)) LIMIT ?'
    )
    .pluck()
  const contactsNumbered = db
    .prepare<[string, string, number], number>(
      'SELECT id FROM contact WHERE phone >= ? AND phone < ? LIMIT ?'
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
        // keeps the contacts outside: one probe of (campaign_id, contact_id) each, where the
        // planner would otherwise read the whole group and test each row against them.
        narrow: db
          .prepare(
            `SELECT m.id FROM json_each(@contacts) j CROSS JOIN message m
             WHERE m.campaign_id = @campaignId AND m.contact_id = j.value
               AND ${where.slice(1, condition ? -1 : undefined).join(' AND ')}
             ORDER BY ${k.order}`
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

  return function drillDown(campaign: CampaignRef, c: Counters, input: Input): Result {
    const k = KIND_SQL[input.kind]
    const text = input.search?.trim() ?? ''
    const search: SearchText = text ? parseSearchText(text) : { kind: 'nothing' }
    if (text && search.kind === 'nothing') return { total: 0, rows: [] }
    const code = input.code ?? null
    const s = statements(input.kind, code !== null, code === k.nullCode, search)
    const limit = input.limit ?? DEFAULT_LIMIT
    const offset = input.offset ?? 0
    const params = {
      campaignId: campaign.id,
      code,
      like: search.kind === 'phone' ? search.like : null,
      from: search.kind === 'name' ? search.range[0] : null,
      to: search.kind === 'name' ? search.range[1] : null,
      limit,
      offset
    }
    let total: number
    let totalAtLeast = false
    let rows: Row[]
    if (s.ids) {
      const names = search.kind === 'name' ? namesWithWords(search.range, search.others) : []
      const contacts =
        search.kind === 'name'
          ? contactsNamed.all(JSON.stringify(names), NARROW_CONTACTS + 1)
          : search.kind === 'phone' && search.international
            ? contactsNumbered.all(
                `+${search.digits}`,
                `+${search.digits}\u{10ffff}`,
                NARROW_CONTACTS + 1
              )
            : null
      let ids: number[]
      if (contacts !== null && contacts.length <= NARROW_CONTACTS) {
        ids = s.narrow.all({ ...params, contacts: JSON.stringify(contacts) }) as number[]
        total = ids.length
      } else {
        const cap = Math.max(BROAD_COUNT_CAP, offset + limit) + 1
        ids = s.ids.all({ ...params, names: JSON.stringify(names), cap }) as number[]
        totalAtLeast = ids.length === cap
        total = totalAtLeast ? cap - 1 : ids.length
      }
      const wanted = ids.slice(offset, offset + limit)
      const byId = new Map((s.byIds.all(JSON.stringify(wanted)) as Row[]).map((r) => [r.id, r]))
      rows = wanted.map((id) => byId.get(id)!)
    } else {
      total = code !== null ? c(errorGroupKey(input.kind, code)) : c(errorKeys[input.kind].total)
      rows = s.page.all(params) as Row[]
    }
    const titles = new Map<string, string>()
    // Where the failure came from: a callback, or a lookup of the provider's own record.
    const sourceOf = (id: number): 'callback' | 'lookup' | undefined =>
      input.kind === 'delivery' ? (failedSource.get(id) ?? undefined) : undefined
    return {
      total,
      ...(totalAtLeast ? { totalAtLeast: true as const } : {}),
      rows: rows.map(({ id, ...r }) => {
        let title = titles.get(r.code)
        if (title === undefined)
          titles.set(r.code, (title = explain(campaign, input.kind, r.code).title))
        const source = sourceOf(id)
        return source ? { ...r, title, source } : { ...r, title }
      })
    }
  }
}
export type DrillDown = ReturnType<typeof createDrillDown>
