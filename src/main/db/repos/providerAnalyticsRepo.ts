import type { Db } from '../openDb'
import type { TemplateDay } from '../../../shared/domain/templateAnalytics'
import {
  MARKETING_COUNT_COLUMNS,
  marketingCountsOf,
  marketingSentSql,
  type MarketingCountColumns,
  type MarketingStats
} from './marketingSendRepo'
import { lastFetchSql, type FetchOutcome } from './reconcileRepo'

/** A campaign's template as the provider knows it, and the window it sent in. */
export interface CampaignTemplate {
  campaignId: string
  providerId: string
  providerType: string
  templateName: string | null
  language: string | null
  /** The provider's template id from the synced list; null when the list never named it. */
  templateId: string | null
  launchedAt: number
  /** Null while it sends. */
  completedAt: number | null
  /** Sent through Meta's Marketing Messages API. */
  marketingMessagesApi: boolean
}

/** What Clicked is decided from (`reconcile/clicks.ts`), read together. */
export interface ClickSources {
  /** The campaign's click webhooks; both null when it sent nothing through Marketing Messages. */
  hooks: Pick<MarketingStats, 'clicked' | 'landingPageViews'>
  /** Null until the campaign is launched (or without its provider). */
  campaign: CampaignTemplate | null
  /** Whether the provider's analytics hold any day of the campaign's template (else `days` finds none). */
  anyDays: boolean
  /** The last fetch of the provider's analytics for the campaign. */
  lastFetch: { outcome: FetchOutcome; detail: string | null } | null
}

export interface StoredDay extends TemplateDay {
  fetchedAt: number
}

interface DayRow {
  template_id: string
  day: string
  starts_at: number
  ends_at: number
  sent: number | null
  delivered: number | null
  read: number | null
  clicked: number | null
  url_clicked: number | null
  clicks: string | null
  fetched_at: number
}

type TemplateRow = Omit<CampaignTemplate, 'marketingMessagesApi'>

/** Campaign `@id`'s template, when launched. */
const CAMPAIGN_TEMPLATE = `SELECT c.id AS campaignId, c.provider_id AS providerId, p.type AS providerType,
       json_extract(c.draft, '$.template.name') AS templateName,
       json_extract(c.draft, '$.template.language') AS language,
       -- Gupshup's analytics take its own template id, which its sends use as the name.
       CASE p.type WHEN 'gupshup' THEN json_extract(c.draft, '$.template.name')
         ELSE t.external_id END AS templateId, c.launched_at AS launchedAt, c.completed_at AS completedAt
     FROM campaign c JOIN provider p ON p.id = c.provider_id
     LEFT JOIN template t ON t.provider_id = c.provider_id
       AND t.name = json_extract(c.draft, '$.template.name')
       AND t.language = json_extract(c.draft, '$.template.language')
     WHERE c.id = @id AND c.launched_at IS NOT NULL`

/**
 * SQL of the provider's template analytics: `provider_template_day` (its one writer: what a
 * fetch brought, per template and day, with the time fetched) and the reads that set them beside
 * a campaign (its template, the other campaigns sending the same template, its click webhooks).
 */
export function createAnalyticsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO provider_template_day (provider_id, template_id, day, starts_at, ends_at, sent,
       delivered, read, clicked, url_clicked, clicks, fetched_at)
     VALUES (@providerId, @templateId, @day, @startsAt, @endsAt, @sent, @delivered, @read,
       @clicked, @urlClicked, @clicks, @fetchedAt)
     ON CONFLICT (provider_id, template_id, day) DO UPDATE SET starts_at = excluded.starts_at,
       ends_at = excluded.ends_at, sent = excluded.sent, delivered = excluded.delivered,
       read = excluded.read, clicked = excluded.clicked, url_clicked = excluded.url_clicked,
       clicks = excluded.clicks, fetched_at = excluded.fetched_at`
  )
  const storeMany = db.transaction((providerId: string, days: TemplateDay[], at: number) => {
    for (const d of days)
      upsert.run({ ...d, providerId, clicks: JSON.stringify(d.clicks), fetchedAt: at })
  })
  const template = db.prepare<{ id: string }, TemplateRow & { mm: number | null }>(
    `SELECT *, ${marketingSentSql('campaignId')} AS mm FROM (${CAMPAIGN_TEMPLATE})`
  )
  // One statement, not one per source: each statement is its own read transaction, and a
  // summary reads these on every call (issue #21: ~13 µs of a 47 µs summary as four statements).
  const clickSources = db.prepare<
    { id: string },
    Partial<Omit<CampaignTemplate, 'marketingMessagesApi'>> &
      MarketingCountColumns & {
        anyDays: number
        fetchOutcome: FetchOutcome | null
        fetchDetail: string | null
      }
  >(
    `SELECT ct.*, ${MARKETING_COUNT_COLUMNS}, EXISTS (SELECT 1 FROM provider_template_day d
         WHERE d.provider_id = ct.providerId AND d.template_id = ct.templateId) AS anyDays,
       f.outcome AS fetchOutcome, f.detail AS fetchDetail
     FROM (SELECT 1) LEFT JOIN (${CAMPAIGN_TEMPLATE}) ct
     LEFT JOIN (${lastFetchSql('@id', "'analytics'")}) f`
  )
  const days = db.prepare<[string, string, string, string], DayRow>(
    `SELECT template_id, day, starts_at, ends_at, sent, delivered, read, clicked, url_clicked,
       clicks, fetched_at FROM provider_template_day
     WHERE provider_id = ? AND template_id = ? AND day BETWEEN ? AND ? ORDER BY day`
  )
  // The campaigns table is small: every launched campaign of the account with the same template.
  const senders = db.prepare<
    [string, string, string],
    { id: string; launched_at: number; completed_at: number | null }
  >(
    `SELECT id, launched_at, completed_at FROM campaign
     WHERE provider_id = ? AND launched_at IS NOT NULL
       AND json_extract(draft, '$.template.name') = ? AND json_extract(draft, '$.template.language') = ?`
  )
  const webhookDays = db.prepare<[string], { day: string; kind: string; n: number }>(
    `SELECT date(at / 1000, 'unixepoch') AS day, kind, COUNT(*) AS n FROM marketing_action
     WHERE campaign_id = ? GROUP BY day, kind`
  )
  return {
    store(providerId: string, fetched: TemplateDay[], at: number): void {
      if (fetched.length) storeMany(providerId, fetched, at)
    },
    campaignTemplate(campaignId: string): CampaignTemplate | null {
      const row = template.get({ id: campaignId })
      if (!row) return null
      const { mm, ...rest } = row
      return { ...rest, marketingMessagesApi: mm === 1 }
    },
    clickSources(campaignId: string): ClickSources {
      const r = clickSources.get({ id: campaignId })!
      // Written out, not by object rest: this runs on every summary and funnel read.
      const campaign: CampaignTemplate | null = r.campaignId
        ? {
            campaignId: r.campaignId,
            providerId: r.providerId!,
            providerType: r.providerType!,
            templateName: r.templateName ?? null,
            language: r.language ?? null,
            templateId: r.templateId ?? null,
            launchedAt: r.launchedAt!,
            completedAt: r.completedAt ?? null,
            marketingMessagesApi: r.mmSent === 1
          }
        : null
      return {
        hooks: marketingCountsOf(r),
        campaign,
        anyDays: r.anyDays === 1,
        lastFetch:
          r.fetchOutcome === null ? null : { outcome: r.fetchOutcome, detail: r.fetchDetail }
      }
    },
    days(providerId: string, templateId: string, fromDay: string, toDay: string): StoredDay[] {
      return days.all(providerId, templateId, fromDay, toDay).map((r) => ({
        templateId: r.template_id,
        day: r.day,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        sent: r.sent,
        delivered: r.delivered,
        read: r.read,
        clicked: r.clicked,
        urlClicked: r.url_clicked,
        clicks: r.clicks ? (JSON.parse(r.clicks) as TemplateDay['clicks']) : [],
        fetchedAt: r.fetched_at
      }))
    },
    /** Launched campaigns of the account sending this template (name and language). */
    senders: (providerId: string, name: string, language: string) =>
      senders.all(providerId, name, language),
    /** The campaign's click and landing-page-view webhooks per UTC day. */
    webhookDays: (campaignId: string) => webhookDays.all(campaignId)
  }
}
export type AnalyticsRepo = ReturnType<typeof createAnalyticsRepo>
