import type { CountedAs, ReportedPricing } from '../../shared/domain/reportedPricing'

/**
 * billable = the provider said so (`billable: true`) or priced it as `type: regular`; free = any
 * `free_*` type or `billable: false` (spec §6). Without either signal a priced message is billable.
 */
export function countedAs(p: ReportedPricing): CountedAs {
  if (p.type?.startsWith('free')) return 'free'
  if (p.type === 'regular' || p.billable === true) return 'billable'
  return p.billable === false ? 'free' : 'billable'
}
