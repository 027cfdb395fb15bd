import {
  explainDeliveryError,
  explainDispatchError,
  type ErrorExplanation
} from '../../shared/domain/errorDictionary'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { EngagementCounts } from '../db/repos/engagementRepo'
import type { ConversionRepo } from '../db/repos/statsCounterRepo'
import type { StatsReadRepo } from '../db/repos/statsReadRepo'
import type { ClickCountsReader } from '../reconcile/clicks'
import type { ConversionDrainer } from './conversions'
import type { DrillDown } from './drillDown'
import type { StatsRebuilder } from './rebuild'
import { rebuiltShare } from './statsShapes'
import type { CampaignRef, Counters, ErrorKind } from './statsTypes'

/** What the stats reads are built from; the composition root hands each over once. */
export interface StatsEngineDeps {
  reads: StatsReadRepo
  /** Finds campaigns with stale conversions (the drainer brings one up to date). */
  dirty: Pick<ConversionRepo, 'anyDirtyCampaign'>
  conversions: ConversionDrainer
  rebuilder: StatsRebuilder
  /** Clicked (the provider's analytics, else attributed click webhooks) and landing page views. */
  clicks: ClickCountsReader
  engagement: EngagementCounts
  /** The error drill-down, given how error codes are explained. */
  drillDownFor(explain: Explain): DrillDown
  /** Settings' default revenue currency, for a goal whose draft names none. */
  defaultCurrency(): string
}

export type Explain = (campaign: CampaignRef, kind: ErrorKind, code: string) => ErrorExplanation

/** A campaign's counters, current: read one (`c`) or all of them. */
export interface Loaded {
  campaign: CampaignRef
  c: Counters
  all: Map<string, number>
}

/** Dictionary first; a delivery code the dictionary does not know gets the provider's own text. */
export function explainWith(reads: StatsReadRepo): Explain {
  return (campaign, kind, code) => {
    if (kind === 'dispatch') return explainDispatchError(code)
    const known = explainDeliveryError(campaign.providerType, code)
    if (known.known || code === 'unknown') return known
    return explainDeliveryError(campaign.providerType, code, reads.failureTitle(campaign.id, code))
  }
}

/**
 * Brings the campaign's counters up to date and returns a reader over them. A campaign whose
 * counters are being rebuilt (bulk load, upgrade) is never counted inside a read: the read
 * queues the background rebuild and answers `unavailable` with how far it got, at once.
 */
export async function loadCounters(deps: StatsEngineDeps, campaignId: string): Promise<Loaded> {
  const start = deps.reads.start(campaignId)
  if (!start) throw new AppError(ErrorCode.notFound, `No campaign ${campaignId}`)
  const { campaign } = start
  const rebuilding = start.suspended ? deps.rebuilder.progress(campaignId) : null
  if (rebuilding) {
    deps.rebuilder.schedule(campaignId)
    const share = rebuiltShare(deps.reads.messageSpan(campaignId), rebuilding.counted)
    throw new AppError(
      ErrorCode.unavailable,
      `The statistics of this campaign are being counted (${share}% done); they appear here as soon as they are complete.`,
      { rebuilding: share }
    )
  }
  let all = start.counters
  if (start.dirty) {
    await deps.conversions.fresh(campaignId)
    all = deps.reads.counters(campaignId)
  }
  return { campaign, c: (key) => all.get(key) ?? 0, all }
}
