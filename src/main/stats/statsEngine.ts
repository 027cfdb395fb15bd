import type { ParsedInput, Output } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { TREND_METRICS, type TrendMetric } from '../db/repos/statsCounterKeys'
import type { DrillDown } from './drillDown'
import { explainWith, loadCounters, type Explain, type StatsEngineDeps } from './statsLoad'
import { errorGroupsOf, funnelOf, summaryOf } from './statsShapes'
import { defaultZone, isValidZone, toZoneBuckets } from './zoneBuckets'

export type { StatsEngineDeps } from './statsLoad'

/**
 * The stats engine: every route reads trigger-maintained counters (a few dozen rows per campaign,
 * `statsLoad.ts`), after draining the few conversions that new goal events or sends made stale,
 * and shapes them (`statsShapes.ts`). It keeps no state of its own: what it reads through, the
 * default time zone, and how error codes are explained are fixed when it is built. The routes are
 * arrow properties because the composition root hands them on as plain functions (the pricing
 * and report services get `summary` and `trend`).
 */
export class StatsEngine {
  private readonly deps: StatsEngineDeps
  /** The zone of `stats.trend` when the caller names none (this computer's). */
  private readonly zone: string
  private readonly explain: Explain
  private readonly drillDown: DrillDown

  constructor(deps: StatsEngineDeps, zone = defaultZone()) {
    this.deps = deps
    this.zone = zone
    this.explain = explainWith(deps.reads)
    this.drillDown = deps.drillDownFor(this.explain)
  }

  /**
   * Recomputes stale conversions of every campaign (goal events arrive by import, the events
   * endpoint or the Sandbox, none of which knows about campaigns), up to `maxCampaigns` a call;
   * the drainer announces each campaign it changed.
   */
  refreshConversions = async (maxCampaigns = 20): Promise<void> => {
    const { dirty, conversions } = this.deps
    for (let done = 0; done < maxCampaigns; done++) {
      const id = dirty.anyDirtyCampaign()
      if (id === undefined) return
      await conversions.fresh(id)
    }
  }

  summary = async (campaignId: string): Promise<Output<'stats.summary'>> => {
    const { deps } = this
    const { c, campaign } = await loadCounters(deps, campaignId)
    return summaryOf(c, deps.engagement(campaignId), deps.clicks(campaignId), {
      ...campaign,
      goalCurrency: campaign.goalCurrency ?? deps.defaultCurrency()
    })
  }

  funnel = async (input: ParsedInput<'stats.funnel'>): Promise<Output<'stats.funnel'>> => {
    const { c } = await loadCounters(this.deps, input.campaignId)
    return funnelOf(c, this.deps.clicks(input.campaignId).clicked, input.steps)
  }

  errors = async (input: ParsedInput<'stats.errors'>): Promise<Output<'stats.errors'>> => {
    const { campaign, all } = await loadCounters(this.deps, input.campaignId)
    return errorGroupsOf(all, input.kind, (code) => this.explain(campaign, input.kind, code))
  }

  errorRecipients = async (
    input: ParsedInput<'stats.errorRecipients'>
  ): Promise<Output<'stats.errorRecipients'>> => {
    const { campaign, c } = await loadCounters(this.deps, input.campaignId)
    return this.drillDown(campaign, c, input)
  }

  trend = async (input: ParsedInput<'stats.trend'>): Promise<Output<'stats.trend'>> => {
    const timezone = input.timezone ?? this.zone
    if (!isValidZone(timezone))
      throw new AppError(ErrorCode.invalidInput, `Unknown time zone "${timezone.slice(0, 64)}"`)
    await loadCounters(this.deps, input.campaignId)
    const rows = this.deps.reads.trend(input.campaignId) as {
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
