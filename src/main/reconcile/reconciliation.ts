import type { Output, ParsedInput } from '../../shared/ipc/contract'
import type { Reconciliation } from '../../shared/ipc/routes/stats'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { AnalyticsRepo, StoredDay } from '../db/repos/providerAnalyticsRepo'
import type { ReconcileRepo } from '../db/repos/reconcileRepo'
import { campaignDays, dayStart, sharedWithByDay } from './sharing'

const DAY = 24 * 3600_000
/** Meta's daily numbers of a day may still grow for about a day after it ends. */
const LAG_MS = 2 * DAY

type Trend = (input: ParsedInput<'stats.trend'>) => Promise<Output<'stats.trend'>>
type Day = Reconciliation['days'][number]

const SOURCE: Record<string, string> = {
  meta: 'meta:template_analytics',
  gupshup: 'gupshup:template_analytics',
  twilio: 'twilio:message_lookup',
  infobip: 'infobip:message_logs'
}

/** The time zone of a provider's analytics days (IANA name, fixed offset from UTC). */
export interface AnalyticsZone {
  name: string
  offsetMs: number
}
const UTC: AnalyticsZone = { name: 'UTC', offsetMs: 0 }

/** The differences of one day, each with the reason a careful operator would give. */
function explain(day: Day, awaiting: number, fetchedAt: number, zone: AnalyticsZone): string[] {
  const notes: string[] = []
  const { ours, provider } = day
  const differs = (['sent', 'delivered', 'read', 'clicked'] as const).filter(
    (k) => provider[k] !== null && ours[k] !== provider[k]
  )
  if (differs.length === 0) return notes
  if (day.sharedWith.length)
    notes.push(
      `${day.sharedWith.length} other campaign${day.sharedWith.length > 1 ? 's' : ''} sent this template that day: the provider counts all of them together.`
    )
  if (awaiting > 0 && differs.some((k) => k === 'delivered' || k === 'read'))
    notes.push(
      `${awaiting} of our messages still await a report: the provider knows states our callbacks have not told us.`
    )
  if (fetchedAt - dayStart(day.date, zone.offsetMs) < LAG_MS)
    notes.push(
      'The provider’s numbers of this day were fetched within a day of it: its analytics lag and may still grow (fetched again daily for 7 days after the campaign ends).'
    )
  if (differs.includes('read') && !notes.length)
    notes.push('Users who turned read receipts off are counted as read by neither side.')
  if (notes.length === 0)
    notes.push(
      `${differs.join(', ')} differ with no known cause: compare with the provider’s dashboard.`
    )
  return notes
}

/**
 * `stats.reconciliation`: the provider's own numbers per template and day beside ours (counted by
 * the day of each event in the provider's zone: UTC as Meta's buckets, IST as Gupshup's), which
 * campaigns share each day, and every
 * difference explained. The stored analytics are read as fetched; nothing is recomputed from them.
 */
export function createReconciliation(deps: {
  analytics: AnalyticsRepo
  fetches: ReconcileRepo
  trend: Trend
  /** The engine's clock. */
  now: () => number
  /** The zone of a provider type's analytics days (Gupshup IST); UTC when not given. */
  zoneOf?: (providerType: string) => AnalyticsZone | undefined
}) {
  const { now } = deps
  return async function reconciliation(campaignId: string): Promise<Reconciliation> {
    const campaign = deps.analytics.campaignTemplate(campaignId)
    if (!campaign) throw new AppError(ErrorCode.notFound, `No launched campaign ${campaignId}`)
    const t = now()
    const notes: string[] = []
    const source = SOURCE[campaign.providerType] ?? null
    const lastLookup = deps.fetches.lastFetch(campaignId, 'lookup')
    const lastAnalytics = deps.fetches.lastFetch(campaignId, 'analytics')
    const awaiting = deps.fetches.awaitingCount(campaignId)
    for (const last of [lastAnalytics, lastLookup])
      if (last && last.outcome !== 'ok')
        notes.push(
          `The last fetch (${new Date(last.at).toISOString()}) failed: ${last.detail ?? last.outcome}`
        )
    if (!source)
      notes.push(
        'This provider keeps no records Tickboard can read: only callbacks count (the Sandbox is its own provider).'
      )
    const lookups =
      campaign.providerType === 'twilio' || campaign.providerType === 'infobip'
        ? {
            reconciled: deps.fetches.reconciled({ campaignId }),
            lastAt: lastLookup?.at ?? null,
            outcome: lastLookup?.outcome ?? null
          }
        : undefined
    if (lookups)
      notes.push(
        campaign.providerType === 'twilio'
          ? `Twilio has no template analytics: reports that never came are looked up per message (${lookups.reconciled} filled so far).`
          : `Infobip has no template analytics here: reports that never came are looked up in its message logs, kept 48 hours (${lookups.reconciled} filled so far).`
      )
    if (awaiting > 0) notes.push(`${awaiting} sent messages still await a report.`)
    const zone = deps.zoneOf?.(campaign.providerType) ?? UTC
    const days = campaignDays(campaign, t, zone.offsetMs)
    const rows: StoredDay[] = campaign.templateId
      ? deps.analytics.days(campaign.providerId, campaign.templateId, days[0]!, days.at(-1)!)
      : []
    if (!campaign.templateId && source?.endsWith('template_analytics'))
      notes.push(
        `The synced template list has no id for ${campaign.templateName ?? '?'} (${campaign.language ?? '?'}): sync the templates to read its analytics.`
      )
    if (rows.length && zone.offsetMs !== 0)
      notes.push(
        `The provider's days are ${zone.name} days; ours are counted by the same days here, so a day differs from the UTC one of the other views.`
      )
    const fetchedAt = rows.reduce<number | null>((m, r) => Math.max(m ?? 0, r.fetchedAt), null)
    if (rows.length === 0 && source?.endsWith('template_analytics') && !lastAnalytics)
      notes.push('The provider’s analytics have not been fetched yet: use Fetch now.')
    const shared = sharedWithByDay(deps.analytics, campaign, days, t, zone.offsetMs)
    // Ours counted by the day of each event in the provider's zone, as its buckets are.
    const trend = rows.length
      ? await deps.trend({ campaignId, granularity: 'day', timezone: zone.name })
      : { buckets: [] }
    const ourDay = new Map(trend.buckets.map((b) => [b.start, b]))
    const clicksByDay = new Map<string, number>()
    for (const w of deps.analytics.webhookDays(campaignId))
      if (w.kind === 'click') clicksByDay.set(w.day, w.n)
    const out: Day[] = rows.map((r) => {
      const b = ourDay.get(r.day)
      const day: Day = {
        date: r.day,
        templateId: r.templateId,
        ours: {
          sent: b?.sent ?? 0,
          delivered: b?.delivered ?? 0,
          read: b?.viewed ?? 0,
          clicked: campaign.marketingMessagesApi ? (clicksByDay.get(r.day) ?? 0) : null
        },
        provider: { sent: r.sent, delivered: r.delivered, read: r.read, clicked: r.urlClicked },
        sharedWith: shared.get(r.day) ?? []
      }
      day.notes = explain(day, awaiting, r.fetchedAt, zone)
      return day
    })
    if (out.some((d) => d.sharedWith.length))
      notes.push(
        'On days another campaign sent the same template, the provider’s numbers are the sum of all of them; Clicked is then left empty for each.'
      )
    return { source, fetchedAt, days: out, notes, ...(lookups ? { lookups } : {}) }
  }
}
