import type { ErrorExplanation } from '../../shared/domain/errorDictionary'
import type { Output, ParsedInput } from '../../shared/ipc/contract'
import { errorGroupKey, errorKeys } from '../db/repos/statsCounterKeys'
import type { ErrorRecipientsRepo } from '../db/repos/errorRecipientsRepo'
import { parseSearchText, type SearchText } from '../db/repos/searchText'
import type { CampaignRef, Counters, ErrorKind } from './statsTypes'

export { BROAD_COUNT_CAP, NARROW_CONTACTS } from '../db/repos/errorRecipientsRepo'

type Input = ParsedInput<'stats.errorRecipients'>
type Result = Output<'stats.errorRecipients'>

const DEFAULT_LIMIT = 50

/**
 * Paginated, searchable recipients of an error group (or of every group of a kind), each with
 * its error's title. Totals come from the counters unless a search narrows the list (then the
 * repository counts them, see `createErrorRecipientsRepo`).
 */
export function createDrillDown(
  recipients: ErrorRecipientsRepo,
  explain: (campaign: CampaignRef, kind: ErrorKind, code: string) => ErrorExplanation
) {
  return function drillDown(campaign: CampaignRef, c: Counters, input: Input): Result {
    const text = input.search?.trim() ?? ''
    const search: SearchText = text ? parseSearchText(text) : { kind: 'nothing' }
    if (text && search.kind === 'nothing') return { total: 0, rows: [] }
    const code = input.code ?? null
    const query = {
      campaignId: campaign.id,
      kind: input.kind,
      code,
      search,
      limit: input.limit ?? DEFAULT_LIMIT,
      offset: input.offset ?? 0
    }
    const found =
      search.kind === 'nothing'
        ? {
            rows: recipients.page(query),
            total:
              code !== null ? c(errorGroupKey(input.kind, code)) : c(errorKeys[input.kind].total),
            totalAtLeast: false
          }
        : recipients.search(query)
    const titles = new Map<string, string>()
    return {
      total: found.total,
      ...(found.totalAtLeast ? { totalAtLeast: true as const } : {}),
      rows: found.rows.map((r) => {
        let title = titles.get(r.code)
        if (title === undefined)
          titles.set(r.code, (title = explain(campaign, input.kind, r.code).title))
        // Written out, not `{ id, source, ...r }`: object rest and spread of the SQL rows were
        // ~40 µs of a 50-row page (issue #21). `source` (delivery errors): callback or lookup.
        const { phone, name, code, at, providerMessage, source } = r
        return source
          ? { phone, name, code, at, providerMessage, title, source }
          : { phone, name, code, at, providerMessage, title }
      })
    }
  }
}
export type DrillDown = ReturnType<typeof createDrillDown>
