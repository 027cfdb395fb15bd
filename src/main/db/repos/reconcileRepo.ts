import type { Db } from '../openDb'

/** The last fetch of a kind for a campaign (SQL expressions or parameters), as one row. */
export const lastFetchSql = (campaignId: string, kind: string): string =>
  `SELECT at, outcome, detail, trigger FROM provider_fetch WHERE campaign_id = ${campaignId}
     AND kind = ${kind} ORDER BY at DESC, id DESC LIMIT 1`

/** One message still awaiting a report, as a lookup asks the provider about it. */
export interface LookupRef {
  ourId: string
  /** The provider's id from the send answer; null when the answer never came. */
  providerMessageId: string | null
  /** Recipient in E.164. */
  to: string
  sentAt: number
}

export type FetchKind = 'analytics' | 'lookup'
export type FetchTrigger = 'demand' | 'gap_closed' | 'hourly' | 'daily'
export type FetchOutcome =
  'ok' | 'refused' | 'unreachable' | 'rate_limited' | 'not_enabled' | 'unsupported' | 'no_template'

export interface FetchRecord {
  providerId: string
  campaignId: string | null
  kind: FetchKind
  trigger: FetchTrigger
  at: number
  outcome: FetchOutcome
  detail: string | null
  fetched: number
  filled: number
}

interface AwaitingRow {
  id: number
  our_id: string
  provider_message_id: string | null
  phone: string
  sent_at: number
}

/** A campaign the reconciler may fetch for: its provider, status and end. */
export interface ReconcileCampaign {
  id: string
  provider_id: string
  status: string
  launched_at: number | null
  completed_at: number | null
}

/**
 * SQL of the reconciler: the messages of a campaign still awaiting a report (paged on the
 * `message_awaiting_report` partial index), the campaigns due a fetch, the `lookup_counter`
 * (its one writer) and the `provider_fetch` log (its one writer).
 */
export function createReconcileRepo(db: Db) {
  const campaign = db.prepare<[string], ReconcileCampaign>(
    `SELECT id, provider_id, status, launched_at, completed_at FROM campaign
     WHERE id = ? AND launched_at IS NOT NULL`
  )
  // Campaigns table is small: sending ones, and ended ones of the last days (analytics lag).
  const recent = db.prepare<[number], ReconcileCampaign>(
    `SELECT id, provider_id, status, launched_at, completed_at FROM campaign
     WHERE launched_at IS NOT NULL
       AND (status IN ('running', 'paused') OR completed_at >= ?)`
  )
  const anyAwaiting = db.prepare<[string], number>(
    `SELECT 1 FROM message INDEXED BY message_awaiting_report
     WHERE campaign_id = ? AND status IS NULL AND dispatch_state = 'sent' LIMIT 1`
  )
  anyAwaiting.pluck()
  const awaitingCount = db.prepare<[string], number>(
    `SELECT COUNT(*) FROM message INDEXED BY message_awaiting_report
     WHERE campaign_id = ? AND status IS NULL AND dispatch_state = 'sent'`
  )
  awaitingCount.pluck()
  // In the partial index's own order (sent_at, then rowid): each page starts where the last ended.
  const awaiting = db.prepare<[string, number, number, number], AwaitingRow>(
    `SELECT id, our_id, provider_message_id, phone, sent_at FROM message
     INDEXED BY message_awaiting_report
     WHERE campaign_id = ? AND status IS NULL AND dispatch_state = 'sent' AND (sent_at, id) > (?, ?)
     ORDER BY sent_at, id LIMIT ?`
  )
  const bump = db.prepare(
    `INSERT INTO lookup_counter (campaign_id, filled, last_at) VALUES (?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE SET filled = filled + excluded.filled,
       last_at = MAX(last_at, excluded.last_at)`
  )
  const filledOf = db.prepare<[string], number>(
    'SELECT filled FROM lookup_counter WHERE campaign_id = ?'
  )
  filledOf.pluck()
  const filledOfProvider = db.prepare<[string, string], number>(
    `SELECT COALESCE(SUM(l.filled), 0) FROM lookup_counter l JOIN campaign c ON c.id = l.campaign_id
     WHERE (? = '*' OR c.provider_id = ?)`
  )
  filledOfProvider.pluck()
  const insertFetch = db.prepare(
    `INSERT INTO provider_fetch (provider_id, campaign_id, kind, trigger, at, outcome, detail, fetched, filled)
     VALUES (@providerId, @campaignId, @kind, @trigger, @at, @outcome, @detail, @fetched, @filled)`
  )
  const lastFetch = db.prepare<
    [string, string],
    { at: number; outcome: FetchOutcome; detail: string | null; trigger: FetchTrigger }
  >(lastFetchSql('?', '?'))
  return {
    campaign: (id: string): ReconcileCampaign | null => campaign.get(id) ?? null,
    /** Campaigns sending now or ended at or after `endedSince`. */
    recentCampaigns: (endedSince: number): ReconcileCampaign[] => recent.all(endedSince),
    hasAwaiting: (campaignId: string): boolean => anyAwaiting.get(campaignId) === 1,
    /** Sent messages with no report at all (whatever their age). */
    awaitingCount: (campaignId: string): number => awaitingCount.get(campaignId) ?? 0,
    /** Up to `limit` messages awaiting a report after `after` (sent_at, id), in that order. */
    awaitingPage(
      campaignId: string,
      after: { sentAt: number; id: number },
      limit: number
    ): (LookupRef & { id: number })[] {
      return awaiting.all(campaignId, after.sentAt, after.id, limit).map((r) => ({
        id: r.id,
        ourId: r.our_id,
        providerMessageId: r.provider_message_id,
        to: r.phone,
        sentAt: r.sent_at
      }))
    },
    countFilled(campaignId: string, filled: number, at: number): void {
      if (filled > 0) bump.run(campaignId, filled, at)
    },
    /** `callbacks.health.reconciled`: messages whose missing report a lookup filled. */
    reconciled(scope: { campaignId?: string; providerId?: string }): number {
      if (scope.campaignId) return filledOf.get(scope.campaignId) ?? 0
      const p = scope.providerId ?? '*'
      return filledOfProvider.get(p, p) ?? 0
    },
    recordFetch(record: FetchRecord): void {
      insertFetch.run({ ...record, detail: record.detail?.slice(0, 500) ?? null })
    },
    lastFetch: (campaignId: string, kind: FetchKind) => lastFetch.get(campaignId, kind) ?? null
  }
}
export type ReconcileRepo = ReturnType<typeof createReconcileRepo>
