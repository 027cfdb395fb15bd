import type { CampaignDraft, CampaignView } from '../../shared/ipc/routes/campaigns'
import { draftOf, type CampaignRow, type ListCounters } from '../db/repos/campaignRepo'
import type { ProgressSnapshot } from '../dispatch/progress'
import { visibleStatus, type QualifyProgress } from '../dispatch/qualify'
import type { TemplateAsSent } from '../templates/asSent'

/**
 * A campaign as the routes show it: its row, its progress (none before launch; the dispatcher's
 * numbers after, with the audience still being fixed when it is) and the template as sent.
 */
export function campaignView(
  row: CampaignRow,
  qualifying: QualifyProgress | null,
  progressOf: (id: string) => ProgressSnapshot | null,
  template: TemplateAsSent | null
): CampaignView {
  const progress =
    row.status === 'draft' || row.status === 'scheduled'
      ? { qualified: 0, processed: 0 }
      : { ...progressOf(row.id)!, ...(qualifying ? { qualifying } : {}) }
  return {
    id: row.id,
    name: row.name,
    status: visibleStatus(row.status, qualifying !== null),
    ...(row.paused_reason ? { pausedReason: row.paused_reason } : {}),
    providerId: row.provider_id,
    createdAt: row.created_at,
    version: row.version,
    launchedAt: row.launched_at,
    completedAt: row.completed_at,
    draft: draftOf(row),
    progress,
    template
  }
}

/** A list row: the view with its outcome so far (launched campaigns only). */
export function withOutcome(view: CampaignView, counters: ListCounters | undefined): CampaignView {
  if (!counters) return view
  const { hasGoal, ...counts } = counters
  return { ...view, outcome: { ...counts, converted: hasGoal ? counters.converted : null } }
}

/** The goal keeps the currency it was created in, whatever the default becomes later. */
export function withCurrency(
  draft: CampaignDraft,
  defaultCurrency: (() => string) | undefined
): CampaignDraft {
  const goal = draft.conversion
  if (!goal || goal.currency || !defaultCurrency) return draft
  return { ...draft, conversion: { ...goal, currency: defaultCurrency() } }
}

/** "Copy of X", within the draft's 200-character name limit. */
export function copyName(name: string): string {
  return `Copy of ${name}`.slice(0, 200)
}
