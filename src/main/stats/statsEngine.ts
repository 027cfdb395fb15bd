import {
  explainDeliveryError,
  explainDispatchError,
  type ErrorExplanation
} from '../../shared/domain/errorDictionary'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ParsedInput, Output } from '../../shared/ipc/contract'
import type { Db } from '../db/openDb'
import { createConversionDrainer } from './conversions'
import { createMarketingStatsReader } from '../pricing/marketingSends'
import { createDrillDown } from './drillDown'
import { counterKey as k, errorKeys, TREND_METRICS, type TrendMetric } from './counterKeys'
import type { StatsRebuilder } from './rebuild'
import type { CampaignRef, Counters, ErrorKind } from './statsTypes'
import { conversionPerformance, revenuePerformance } from './significance'
import { defaultZone, isValidZone, toZoneBuckets } from './zoneBuckets'
import { createEngagementCounts } from '../engagement/campaignEngagement'

export const FUNNEL_STEPS = ['sent', 'delivered', 'viewed', 'clicked', 'converted'] as const
const FUNNEL_LABELS = {
  sent: 'Sent',
  delivered: 'Delivered',
  viewed: 'Viewed',
  clicked: 'Clicked',
  converted: 'Converted'
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0)

/**
 * The stats engine: every route reads trigger-maintained counters (a few dozen rows per campaign),
 * after draining the few conversions that new goal events or sends made stale. A campaign whose
 * counters are being rebuilt (bulk load, upgrade) is never counted inside a read: the read queues
 * the background rebuild and answers `unavailable` with how far it got, at once.
 */
export function createStatsEngine(db: Db, rebuilder: StatsRebuilder, zone = defaultZone()) {
  const campaignById = db.prepare<[string], CampaignRef>(
    `SELECT c.id, p.type AS providerType FROM campaign c LEFT JOIN provider p ON p.id = c.provider_id
     WHERE c.id = ?`
  )
  const counterRows = db.prepare<[string], { key: string; n: number }>(
    'SELECT key, n FROM stats_counter WHERE campaign_id = ?'
  )
  const trendRows = db.prepare<[string], { metric: TrendMetric; bucket: number; n: number }>(
    'SELECT metric, bucket, n FROM stats_trend WHERE campaign_id = ? AND n <> 0'
  )
  const failureText = db.prepare<[string, string], string>(
    `SELECT failure_title FROM message WHERE campaign_id = ? AND dispatch_state = 'sent'
       AND status = 'failed' AND failure_code = ? AND failure_title IS NOT NULL LIMIT 1`
  )
  failureText.pluck()
  const conversions = createConversionDrainer(db)
  // Clicked / landing page views: Marketing Messages API campaigns only (null otherwise).
  const marketing = createMarketingStatsReader(db)
  const engagement = createEngagementCounts(db)
  const anyDirty = db.prepare<[], string>('SELECT campaign_id FROM stats_conversion_dirty LIMIT 1')
  anyDirty.pluck()
  // A campaign's first and last message, by its (campaign_id, seq) index: two probes. (MIN/MAX(id)
  // of the campaign would walk all its index entries; rows are written in seq order.)
  const messageSpan = db.prepare<{ id: string }, { first: number | null; last: number | null }>(
    `SELECT (SELECT id FROM message WHERE campaign_id = @id ORDER BY seq LIMIT 1) AS first,
            (SELECT id FROM message WHERE campaign_id = @id ORDER BY seq DESC LIMIT 1) AS last`
  )

  /** How much of a campaign's own messages a rebuild counted so far, 0-99 %. */
  function rebuiltShare(campaignId: string, counted: number): number {
    const { first, last } = messageSpan.get({ id: campaignId })!
    if (first === null || last === null || last < first) return 0
    const share = Math.floor((100 * (counted - first + 1)) / (last - first + 1))
    return Math.max(0, Math.min(99, share))
  }

  /** Brings the campaign's counters up to date and returns a reader over them. */
  async function load(
    campaignId: string
  ): Promise<{ campaign: CampaignRef; c: Counters; all: Map<string, number> }> {
    const campaign = campaignById.get(campaignId)
    if (!campaign) throw new AppError(ErrorCode.notFound, `No campaign ${campaignId}`)
    const rebuilding = rebuilder.progress(campaignId)
    if (rebuilding) {
      rebuilder.schedule(campaignId)
      const share = rebuiltShare(campaignId, rebuilding.counted)
      throw new AppError(
        ErrorCode.unavailable,
        `The statistics of this campaign are being counted (${share}% done); they appear here as soon as they are complete.`,
        { rebuilding: share }
      )
    }
    await conversions.fresh(campaignId)
    const all = new Map(counterRows.all(campaignId).map((r) => [r.key, r.n]))
    return { campaign, c: (key) => all.get(key) ?? 0, all }
  }

  function explain(campaign: CampaignRef, kind: ErrorKind, code: string): ErrorExplanation {
    if (kind === 'dispatch') return explainDispatchError(code)
    const known = explainDeliveryError(campaign.providerType, code)
    if (known.known || code === 'unknown') return known
    return explainDeliveryError(campaign.providerType, code, failureText.get(campaign.id, code))
  }

  const drillDown = createDrillDown(db, explain)

  return {
    /**
     * Recomputes stale conversions of every campaign (goal events arrive by import, the events
     * endpoint or the Sandbox, none of which knows about campaigns); returns the campaigns changed.
     */
    async refreshConversions(maxCampaigns = 20): Promise<string[]> {
      const changed: string[] = []
      for (
        let id = anyDirty.get();
        id !== undefined && changed.length < maxCampaigns;
        id = anyDirty.get()
      ) {
        await conversions.fresh(id)
        changed.push(id)
      }
      return changed
    },

    async summary(campaignId: string): Promise<Output<'stats.summary'>> {
      const { c } = await load(campaignId)
      const sent = c(k.dispatch('sent'))
      const control = c(k.group('control'))
      return {
        qualified: c(k.qualified),
        control,
        target: c(k.group('target')),
        sent,
        delivered: c(k.delivered),
        viewed: c(k.status('read')),
        replied: c(k.replied),
        replies: c(k.replies),
        ...engagement(campaignId),
        converted: c(k.converted('target')),
        dispatchErrors: c(k.dispatch('error')),
        deliveryErrors: c(k.status('failed')),
        awaitingReport: c(k.status('awaiting')),
        outcomeUnknown: c(k.dispatch('unknown')),
        ...marketing.counts(campaignId),
        conversion: conversionPerformance(
          { users: sent, converted: c(k.converted('target')) },
          { users: control, converted: c(k.converted('control')) }
        ),
        revenue: revenuePerformance(
          c(k.revenueMicros('target')) / 1e6,
          sent,
          c(k.revenueMicros('control')) / 1e6,
          control
        )
      }
    },

    async funnel(input: ParsedInput<'stats.funnel'>): Promise<Output<'stats.funnel'>> {
      const { c } = await load(input.campaignId)
      const { clicked } = marketing.counts(input.campaignId)
      const value = {
        sent: c(k.dispatch('sent')),
        delivered: c(k.delivered),
        viewed: c(k.status('read')),
        clicked: clicked ?? 0,
        converted: c(k.converted('target'))
      }
      const wanted = new Set(input.steps ?? FUNNEL_STEPS)
      // Clicked exists only for Marketing Messages API campaigns: otherwise the step is left out.
      const names = FUNNEL_STEPS.filter(
        (s) => wanted.has(s) && (s !== 'clicked' || clicked !== null)
      )
      const first = names.length ? value[names[0]!] : 0
      return {
        steps: names.map((name, i) => {
          const users = value[name]
          const previous = i === 0 ? users : value[names[i - 1]!]
          return {
            name,
            label: FUNNEL_LABELS[name],
            users,
            ofPrevious: ratio(users, previous),
            ofFirst: ratio(users, first)
          }
        })
      }
    },

    async errors(input: ParsedInput<'stats.errors'>): Promise<Output<'stats.errors'>> {
      const { campaign, all } = await load(input.campaignId)
      const prefix = errorKeys[input.kind].prefix
      const counts = [...all].filter(([k, n]) => k.startsWith(prefix) && n > 0)
      const total = counts.reduce((sum, [, n]) => sum + n, 0)
      return {
        groups: counts
          .map(([key, count]) => {
            const code = key.slice(prefix.length)
            return {
              code,
              ...explain(campaign, input.kind, code),
              count,
              share: ratio(count, total)
            }
          })
          .map(({ code, title, explanation, nextStep, count, share }) => ({
            code,
            title,
            explanation,
            nextStep,
            count,
            share
          }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      }
    },

    async errorRecipients(
      input: ParsedInput<'stats.errorRecipients'>
    ): Promise<Output<'stats.errorRecipients'>> {
      const { campaign, c } = await load(input.campaignId)
      return drillDown(campaign, c, input)
    },

    async trend(input: ParsedInput<'stats.trend'>): Promise<Output<'stats.trend'>> {
      const timezone = input.timezone ?? zone
      if (!isValidZone(timezone))
        throw new AppError(ErrorCode.invalidInput, `Unknown time zone "${timezone.slice(0, 64)}"`)
      await load(input.campaignId)
      const buckets = toZoneBuckets(
        trendRows.all(input.campaignId),
        TREND_METRICS,
        input.granularity,
        timezone
      )
      return {
        timezone,
        granularity: input.granularity,
        buckets: buckets.map((b) => ({ start: b.start, startAt: b.startAt, ...b.counts }))
      }
    }
  }
}
export type StatsEngine = ReturnType<typeof createStatsEngine>
