import type { ErrorExplanation } from '../../shared/domain/errorDictionary'
import type { Output, ParsedInput } from '../../shared/ipc/contract'
import type { Db } from '../db/openDb'
import { errorGroupKey, errorKeys } from './counterKeys'
import type { CampaignRef, Counters, ErrorKind } from './statsTypes'

type Input = ParsedInput<'stats.errorRecipients'>
type Result = Output<'stats.errorRecipients'>

interface Row {
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

/** `%text%` for LIKE, with the wildcard characters of the search text escaped. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/**
 * Paginated, searchable recipients of an error group (or of every group of a kind). Totals come
 * from the counters unless a search narrows the list.
 */
export function createDrillDown(
  db: Db,
  explain: (campaign: CampaignRef, kind: ErrorKind, code: string) => ErrorExplanation
) {
  const cache = new Map<
    string,
    { page: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }
  >()

  function statements(kind: ErrorKind, byCode: boolean, nullCode: boolean, search: boolean) {
    const key = `${kind}|${byCode}|${nullCode}|${search}`
    let s = cache.get(key)
    if (!s) {
      const k = KIND_SQL[kind]
      const where = [`m.campaign_id = @campaignId`, k.where]
      if (byCode)
        where.push(nullCode ? `(${k.code} = @code OR ${k.code} IS NULL)` : `${k.code} = @code`)
      // Names are matched through the small name index, so counting never looks up each row.
      if (search)
        where.push(
          `(m.phone LIKE @like ESCAPE '\\' OR m.contact_id IN (SELECT id FROM contact WHERE name LIKE @like ESCAPE '\\'))`
        )
      // The planner picks the broad dispatch index for COUNT(*); the partial error indexes are far smaller.
      const index = byCode ? k.byCode : k.byTime
      const filtered = `FROM message m INDEXED BY ${index}`
      const whereSql = `WHERE ${where.join(' AND ')}`
      s = {
        page: db.prepare(
          `SELECT m.phone, c.name, ${k.select} ${filtered} JOIN contact c ON c.id = m.contact_id
           ${whereSql} ORDER BY ${k.order} LIMIT @limit OFFSET @offset`
        ),
        count: db.prepare(`SELECT COUNT(*) ${filtered} ${whereSql}`).pluck()
      }
      cache.set(key, s)
    }
    return s
  }

  return function drillDown(campaign: CampaignRef, c: Counters, input: Input): Result {
    const k = KIND_SQL[input.kind]
    const search = input.search?.trim() ?? ''
    const code = input.code ?? null
    const s = statements(input.kind, code !== null, code === k.nullCode, search !== '')
    const params = {
      campaignId: campaign.id,
      code,
      like: likePattern(search),
      limit: input.limit ?? DEFAULT_LIMIT,
      offset: input.offset ?? 0
    }
    const total = search
      ? (s.count.get(params) as number)
      : code !== null
        ? c(errorGroupKey(input.kind, code))
        : c(errorKeys[input.kind].total)
    const titles = new Map<string, string>()
    const rows = (s.page.all(params) as Row[]).map((r) => {
      let title = titles.get(r.code)
      if (title === undefined)
        titles.set(r.code, (title = explain(campaign, input.kind, r.code).title))
      return { ...r, title }
    })
    return { total, rows }
  }
}
