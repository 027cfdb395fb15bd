import type { ErrorExplanation } from '../../shared/domain/errorDictionary'
import type { Output, ParsedInput } from '../../shared/ipc/contract'
import type { Db } from '../db/openDb'
import { errorGroupKey, errorKeys } from './counterKeys'
import { nameHasWords, parseSearchText, type SearchText } from '../db/repos/searchText'
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

/** The search condition on `m` for a kind of search text (see `searchText.ts`). */
const SEARCH_SQL: Record<SearchText['kind'], string | null> = {
  // The phone is in the group's covering index: no message or contact row is read to test it.
  phone: `m.phone LIKE @like`,
  // Contacts whose name has a word in the range: the names from the name index (migration
  // 0116), their contacts through contact_by_name.
  name: `m.contact_id IN (SELECT id FROM contact WHERE name IN
    (SELECT name FROM name_word WHERE word >= @from AND word < @to))`,
  nothing: null
}

/**
 * Paginated, searchable recipients of an error group (or of every group of a kind). Totals come
 * from the counters unless a search narrows the list; a search reads the ids of the matching
 * rows once, in order, from the group's index (its size is bounded by the group), counts them
 * and reads only the page's rows.
 */
export function createDrillDown(
  db: Db,
  explain: (campaign: CampaignRef, kind: ErrorKind, code: string) => ErrorExplanation
) {
  type Statement = ReturnType<Db['prepare']>
  const cache = new Map<string, { page: Statement; ids: Statement | null; byIds: Statement }>()

  function statements(kind: ErrorKind, byCode: boolean, nullCode: boolean, search: SearchText) {
    // Names are read only to check more than one search word (reading them costs a contact row each).
    const withNames = search.kind === 'name' && search.others.length > 0
    const key = `${kind}|${byCode}|${nullCode}|${search.kind}|${withNames}`
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
        // Matching rows in list order: ids, with the name when more words are checked on it.
        ids: !condition
          ? null
          : withNames
            ? db
                .prepare(
                  `SELECT m.id, (SELECT name FROM contact WHERE id = m.contact_id)
                   ${filtered} ${whereSql} ORDER BY ${k.order}`
                )
                .raw()
            : db.prepare(`SELECT m.id ${filtered} ${whereSql} ORDER BY ${k.order}`).pluck(),
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
    let rows: Row[]
    if (s.ids) {
      const others = search.kind === 'name' ? search.others : []
      const ids = others.length
        ? (s.ids.all(params) as [number, string | null][])
            .filter(([, name]) => nameHasWords(name, others))
            .map(([id]) => id)
        : (s.ids.all(params) as number[])
      total = ids.length
      const wanted = ids.slice(offset, offset + limit)
      const byId = new Map((s.byIds.all(JSON.stringify(wanted)) as Row[]).map((r) => [r.id, r]))
      rows = wanted.map((id) => byId.get(id)!)
    } else {
      total = code !== null ? c(errorGroupKey(input.kind, code)) : c(errorKeys[input.kind].total)
      rows = s.page.all(params) as Row[]
    }
    const titles = new Map<string, string>()
    return {
      total,
      rows: rows.map(({ id: _id, ...r }) => {
        let title = titles.get(r.code)
        if (title === undefined)
          titles.set(r.code, (title = explain(campaign, input.kind, r.code).title))
        return { ...r, title }
      })
    }
  }
}
export type DrillDown = ReturnType<typeof createDrillDown>
