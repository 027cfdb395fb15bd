import {
  explainDeliveryError,
  explainDispatchError,
  type ErrorExplanation
} from '../../shared/domain/errorDictionary'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ParsedInput, Output } from '../../shared/ipc/contract'
import type { EngagementCounts } from '../db/repos/engagementRepo'
import type { ClickCountsReader } from '../reconcile/clicks'
import type { ConversionRepo } from '../db/repos/statsCounterRepo'
import type { StatsReadRepo } from '../db/repos/statsReadRepo'
import type { ConversionDrainer } from './conversions'
import { TREND_METRICS, type TrendMetric } from '../db/repos/statsCounterKeys'
import type { DrillDown } from './drillDown'
import type { StatsRebuilder } from './rebuild'
import { errorGroupsOf, funnelOf, rebuiltShare, summaryOf } from './statsShapes'
import type { CampaignRef, Counters, ErrorKind } from './statsTypes'
import { defaultZone, isValidZone, toZoneBuckets } from './zoneBuckets'

export { FUNNEL_STEPS } from './statsShapes'

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

type Explain = (campaign: CampaignRef, kind: ErrorKind, code: string) => ErrorExplanation
type Loaded = { campaign: CampaignRef; c: Counters; all: Map<string, number> }

/** Dictionary first; a delivery code the dictionary does not know gets the provider's own text. */
function explainWith(reads: StatsReadRepo): Explain {
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
async function load(deps: StatsEngineDeps, campaignId: string): Promise<Loaded> {
  const campaign = deps.reads.campaign(campaignId)
  if (!campaign) throw new AppError(ErrorCode.notFound, `No campaign ${campaignId}`)
  const rebuilding = deps.rebuilder.progress(campaignId)
  if (rebuilding) {
    deps.rebuilder.schedule(campaignId)
    const share = rebuiltShare(deps.reads.messageSpan(campaignId), rebuilding.counted)
    throw new AppError(
      ErrorCode.unavailable,
      `The statistics of this campaign are being counted (${share}% done); they appear here as soon as they are complete.`,
      { rebuilding: share }
    )
  }
  await deps.conversions.fresh(campaignId)
  const all = deps.reads.counters(campaignId)
  return { campaign, c: (key) => all.get(key) ?? 0, all }
}

/**
 * The stats engine: every route reads trigger-maintained counters (a few dozen rows per campaign),
 * after draining the few conversions that new goal events or sends made stale.
 */
export function createStatsEngine(deps: StatsEngineDeps, zone = defaultZone()) {
  const explain = explainWith(deps.reads)
  const drillDown = deps.drillDownFor(explain)

  return {
    /**
     * Recomputes stale conversions of every campaign (goal events arrive by import, the events
     * endpoint or the Sandbox, none of which knows about campaigns); returns the campaigns changed.
     */
    async refreshConversions(maxCampaigns = 20): Promise<string[]> {
      const changed: string[] = []
      for (
        let id = deps.dirty.anyDirtyCampaign();
        id !== undefined && changed.length < maxCampaigns;
        id = deps.dirty.anyDirtyCampaign()
      ) {
        await deps.conversions.fresh(id)
        changed.push(id)
      }
      return changed
    },

    async summary(campaignId: string): Promise<Output<'stats.summary'>> {
      const { c, campaign } = await load(deps, campaignId)
      return summaryOf(c, deps.engagement(campaignId), deps.clicks(campaignId), {
        ...campaign,
        goalCurrency: campaign.goalCurrency ?? deps.defaultCurrency()
      })
    },

    async funnel(input: ParsedInput<'stats.funnel'>): Promise<Output<'stats.funnel'>> {
      const { c } = await load(deps, input.campaignId)
      return funnelOf(c, deps.clicks(input.campaignId).clicked, input.steps)
    },

    async errors(input: ParsedInput<'stats.errors'>): Promise<Output<'stats.errors'>> {
      const { campaign, all } = await load(deps, input.campaignId)
      return errorGroupsOf(all, input.kind, (code) => explain(campaign, input.kind, code))
    },

    async errorRecipients(
      input: ParsedInput<'stats.errorRecipients'>
    ): Promise<Output<'stats.errorRecipients'>> {
      const { campaign, c } = await load(deps, input.campaignId)
      return drillDown(campaign, c, input)
    },

    async trend(input: ParsedInput<'stats.trend'>): Promise<Output<'stats.trend'>> {
      const timezone = input.timezone ?? zone
      if (!isValidZone(timezone))
        throw new AppError(ErrorCode.invalidInput, `Unknown time zone "${timezone.slice(0, 64)}"`)
      await load(deps, input.campaignId)
      const rows = deps.reads.trend(input.campaignId) as {
        metric: TrendMetric
        bucket: number
        n: number
      }[]
      const buckets = toZoneBuckets(rows, TREND_METRICS, input.granularity, timezone)
      return {
        timezone,
        granularity: input.granularity,
        buckets: buckets.map((b) => ({ start: b.start, startAt: b.startAt, ...b.counts }))
      }
    }
  }
}
export type StatsEngine = ReturnType<typeof createStatsEngine>
