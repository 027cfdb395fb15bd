import { DISPATCH_STATES, type DispatchState } from '../../../shared/domain/dispatch'
import type { CampaignDraft, CampaignStatus } from '../../../shared/ipc/routes/campaigns'
import type { Db } from '../openDb'
import { counterKey as k } from './statsCounterKeys'

export interface CampaignRow {
  id: string
  name: string
  provider_id: string
  draft: string
  status: CampaignStatus
  paused_reason: string | null
  scheduled_at: number | null
  launched_at: number | null
  completed_at: number | null
  qualified: number
  created_at: number
  updated_at: number
  /** One more at every saved draft edit (issue #22: concurrent edits). */
  version: number
  /** Who saved the last draft edit (their name then); null before the first edit. */
  edited_by: string | null
}

/** The edit a `campaigns.update` makes: from `version`, by `editedBy`. */
export interface DraftEdit {
  version: number
  editedBy: string
}

export type DispatchCounts = Record<DispatchState, number>

/** A campaign written as already completed (a bulk load of a campaign that ran elsewhere). */
export interface CompletedCampaign {
  id: string
  draft: Pick<CampaignDraft, 'name' | 'providerId' | 'conversion'> & Record<string, unknown>
  launchedAt: number
  completedAt: number
  qualified: number
  createdAt: number
  now: number
}

export interface CampaignFilter {
  search?: string
  /** Stored statuses ('qualifying' is stored as 'running'). */
  statuses?: CampaignStatus[]
  offset: number
  limit: number | null
}

/** The counters the list shows per campaign, by their `stats_counter` keys (stats/counterKeys). */
export interface ListCounters {
  sent: number
  delivered: number
  viewed: number
  converted: number
  hasGoal: boolean
  counting: boolean
}

// `%` and `_` typed in the search are literal, not wildcards.
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export type CampaignRepo = ReturnType<typeof createCampaignRepo>

/** The `campaign` table: rows keep the draft as JSON; status changes are single UPDATEs. */
export function createCampaignRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, scheduled_at, created_at, updated_at,
       goal_event, goal_window_ms, goal_revenue_property)
     VALUES (@id, @name, @provider_id, @draft, 'draft', @scheduled_at, @now, @now,
       @goal_event, @goal_window_ms, @goal_revenue_property)`
  )
  const updateDraft = db.prepare(
    `UPDATE campaign SET name = @name, provider_id = @provider_id, draft = @draft,
       scheduled_at = @scheduled_at, updated_at = @now, goal_event = @goal_event,
       goal_window_ms = @goal_window_ms, goal_revenue_property = @goal_revenue_property,
       version = version + 1, edited_by = @edited_by
     WHERE id = @id AND version = @version`
  )
  const get = db.prepare<[string], CampaignRow>('SELECT * FROM campaign WHERE id = ?')
  const list = db.prepare<[], CampaignRow>('SELECT * FROM campaign ORDER BY created_at DESC')
  const runningOf = db.prepare<[string], { id: string; draft: string }>(
    `SELECT id, draft FROM campaign WHERE provider_id = ? AND status = 'running'`
  )
  const byStatus = db.prepare<[string], CampaignRow>(
    'SELECT * FROM campaign WHERE status = ? ORDER BY created_at'
  )
  const setStatus = db.prepare(
    `UPDATE campaign SET status = @status, paused_reason = @reason, updated_at = @now,
       completed_at = CASE WHEN @status IN ('completed', 'cancelled') THEN @now ELSE completed_at END
     WHERE id = @id`
  )
  // Nothing of a refused launch stays: not launched, no template fixed, the reason shown.
  const refuseLaunch = db.prepare(
    `UPDATE campaign SET status = 'draft', paused_reason = ?, launched_at = NULL, qualified = 0,
       template_category = NULL, template_snapshot = NULL, updated_at = ? WHERE id = ?`
  )
  // Only a draft: a campaign that sent keeps its messages and stats (the status check is the
  // statement's own, so a launch racing the delete cannot lose its rows).
  const deleteDraft = db.prepare("DELETE FROM campaign WHERE id = ? AND status = 'draft'")
  // Launch: running from now, its audience still to be fixed by qualification (dispatch/qualify).
  const markRunning = db.prepare(
    `UPDATE campaign SET status = 'running', paused_reason = NULL, launched_at = ?, qualified = 0,
       updated_at = ? WHERE id = ?`
  )
  const setQualified = db.prepare('UPDATE campaign SET qualified = ? WHERE id = ?')
  const fixTemplate = db.prepare(
    'UPDATE campaign SET template_category = ?, template_snapshot = ? WHERE id = ?'
  )
  const templateSnapshot = db
    .prepare<[string], string | null>('SELECT template_snapshot FROM campaign WHERE id = ?')
    .pluck()
  const insertCompleted = db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, completed_at, qualified,
       created_at, updated_at, goal_event, goal_window_ms, goal_revenue_property)
     VALUES (@id, @name, @provider_id, @draft, 'completed', @launched_at, @completed_at, @qualified,
       @created_at, @now, @goal_event, @goal_window_ms, @goal_revenue_property)`
  )
  const schedule = db.prepare(
    `UPDATE campaign SET status = 'scheduled', scheduled_at = ?, updated_at = ? WHERE id = ?`
  )
  const counts = db.prepare<[string], { state: keyof DispatchCounts; n: number }>(
    'SELECT dispatch_state AS state, COUNT(*) AS n FROM message WHERE campaign_id = ? GROUP BY dispatch_state'
  )
  // The stats triggers keep `ds:<state>` counters in the same statement as every message change,
  // so they are exact and cost a few rows. Scanning the messages took ~100 ms per call at 500k
  // recipients (campaigns.list/get, the dispatcher's drain check), blocking callback answers.
  const counterCounts = db.prepare<[string], { state: keyof DispatchCounts; n: number }>(
    `SELECT substr(key, 4) AS state, n FROM stats_counter
     WHERE campaign_id = ? AND key >= 'ds:' AND key < 'ds;'`
  )
  const suspended = db
    .prepare<[string], number>('SELECT 1 FROM stats_suspended WHERE campaign_id = ?')
    .pluck()
  // One statement for a page: names and statuses filtered in SQL, newest first. The campaign
  // table holds one row per campaign (thousands at most), so LIMIT/OFFSET stays cheap.
  const FILTER = `(@search IS NULL OR name LIKE @search ESCAPE '\\')
       AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))`
  const filtered = db.prepare<Record<string, unknown>, CampaignRow>(
    `SELECT * FROM campaign WHERE ${FILTER} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`
  )
  const filteredCount = db
    .prepare<Record<string, unknown>, number>(`SELECT COUNT(*) FROM campaign WHERE ${FILTER}`)
    .pluck()
  // The list's numbers from the live counters: a few primary-key reads per campaign.
  const counter = (key: string) =>
    `COALESCE((SELECT n FROM stats_counter WHERE campaign_id = c.id AND key = '${key}'), 0)`
  const listCounters = db.prepare<[string], ListCounters>(
    `SELECT ${counter(k.dispatch('sent'))} AS sent, ${counter(k.delivered)} AS delivered,
       ${counter(k.status('read'))} AS viewed, ${counter(k.converted('target'))} AS converted,
       c.goal_event IS NOT NULL AS hasGoal,
       EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = c.id) AS counting
     FROM campaign c WHERE c.id = ?`
  )

  return {
    insert(id: string, draft: CampaignDraft, scheduledAt: number | null, now: number): void {
      insert.run(draftColumns(id, draft, scheduledAt, now))
    },
    /** Saves an edit made from `edit.version`; false when the draft is at another version now. */
    updateDraft(
      id: string,
      draft: CampaignDraft,
      scheduledAt: number | null,
      edit: DraftEdit,
      now: number
    ): boolean {
      const columns = draftColumns(id, draft, scheduledAt, now)
      return (
        updateDraft.run({ ...columns, version: edit.version, edited_by: edit.editedBy }).changes > 0
      )
    },
    get: (id: string): CampaignRow | undefined => get.get(id),
    list: (): CampaignRow[] => list.all(),
    /** One page of the campaigns a filter matches, and how many it matches in all. */
    page(filter: CampaignFilter): { rows: CampaignRow[]; total: number } {
      const params = {
        search: filter.search?.trim() ? likePattern(filter.search.trim()) : null,
        statuses: filter.statuses?.length ? JSON.stringify(filter.statuses) : null
      }
      return {
        rows: filtered.all({ ...params, offset: filter.offset, limit: filter.limit ?? -1 }),
        total: filteredCount.get(params) ?? 0
      }
    },
    listCounters(id: string): ListCounters | undefined {
      const row = listCounters.get(id)
      return row && { ...row, hasGoal: Boolean(row.hasGoal), counting: Boolean(row.counting) }
    },
    byStatus: (status: CampaignStatus): CampaignRow[] => byStatus.all(status),
    /** The running campaigns of one provider account, with their drafts (JSON). */
    runningOf: (providerId: string): { id: string; draft: string }[] => runningOf.all(providerId),
    setStatus(id: string, status: CampaignStatus, reason: string | null, now: number) {
      setStatus.run({ id, status, reason, now })
    },
    /** The launch check found problems after the launch answered: back to draft, with them. */
    refuseLaunch: (id: string, reason: string, now: number) =>
      void refuseLaunch.run(reason, now, id),
    /** Deletes the campaign if it is a draft; false when it is not (or no longer) one. */
    deleteDraft: (id: string): boolean => deleteDraft.run(id).changes === 1,
    schedule: (id: string, at: number, now: number) => void schedule.run(at, now, id),
    /** Launched: `running` with no reason, nothing qualified yet (in the launch's transaction). */
    markRunning: (id: string, now: number) => void markRunning.run(now, now, id),
    /** How many recipients qualification has fixed so far (in the page's transaction). */
    setQualified: (id: string, qualified: number) => void setQualified.run(qualified, id),
    /** The template category (null: unknown) and snapshot (JSON) fixed at launch. */
    fixTemplate: (id: string, category: string | null, snapshot: string) =>
      void fixTemplate.run(category, snapshot, id),
    /** The template snapshot (JSON) fixed at launch; null before launch or for no campaign. */
    templateSnapshot: (id: string): string | null => templateSnapshot.get(id) ?? null,
    /** A campaign that already ran (the demo generator's bulk load): written completed. */
    insertCompleted(c: CompletedCampaign): void {
      insertCompleted.run({
        id: c.id,
        name: c.draft.name,
        provider_id: c.draft.providerId,
        draft: JSON.stringify(c.draft),
        launched_at: c.launchedAt,
        completed_at: c.completedAt,
        qualified: c.qualified,
        created_at: c.createdAt,
        now: c.now,
        ...goalColumns(c.draft)
      })
    },
    counts(id: string): DispatchCounts {
      const out = Object.fromEntries(DISPATCH_STATES.map((s) => [s, 0])) as DispatchCounts
      // Counters of a bulk-loaded campaign are suspended until rebuilt: count the rows then.
      const rows = suspended.get(id) ? counts.all(id) : counterCounts.all(id)
      for (const row of rows) if (row.state in out) out[row.state] = row.n
      return out
    }
  }
}

/** The columns a saved draft sets, the same for a new campaign and an edited one. */
function draftColumns(id: string, draft: CampaignDraft, scheduledAt: number | null, now: number) {
  return {
    id,
    name: draft.name,
    provider_id: draft.providerId,
    draft: JSON.stringify(draft),
    scheduled_at: scheduledAt,
    now,
    ...goalColumns(draft)
  }
}

/**
 * The conversion goal in the typed columns the stats triggers and conversions read
 * (`revenueProperty: 'revenue'` means the event's own revenue column, stored as NULL).
 */
export function goalColumns(draft: Pick<CampaignDraft, 'conversion'>) {
  const goal = draft.conversion
  return {
    goal_event: goal?.event ?? null,
    goal_window_ms: goal ? Math.round(goal.windowHours * 3_600_000) : null,
    goal_revenue_property:
      goal?.revenueProperty && goal.revenueProperty !== 'revenue' ? goal.revenueProperty : null
  }
}

export function draftOf(row: CampaignRow): CampaignDraft {
  return JSON.parse(row.draft) as CampaignDraft
}
