import type { Events } from '../../shared/ipc/contract'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { CampaignRow } from '../db/repos/campaignRepo'
import type { ProviderAccount } from '../providers/providerAccounts'
import type { ProviderLane } from './lane'
import type { ProgressSnapshot, ProgressTracker } from './progress'
import { visibleStatus, type QualifyProgress } from './qualify'
import type { CampaignRunner } from './runner'

/** The dispatcher's loop: lanes fed every 5 ms, outcomes committed every 4th tick (20 ms). */
export const TICK_MS = 5
export const FLUSH_EVERY = 4
/** Progress events ~4/s; a drained campaign is checked for completion as often, no more. */
export const PROGRESS_MS = 250
/** Sent counts change the stats too; once a second is plenty beside callback updates. */
export const STATS_MS = 1000

/** One campaign being sent: what the dispatcher keeps per running campaign. */
export interface Run {
  runner: CampaignRunner
  lane: ProviderLane
  progress: ProgressTracker
  /** When it was last checked for completion (performance.now() ms). */
  checkedAt: number
  /** Rows settled when `stats.changed` was last emitted. */
  statsAt: number
}

/** A campaign's own throttle, never above its account's. */
export function campaignRate(draft: CampaignDraft, account: ProviderAccount): number {
  return Math.min(draft.ratePerSecond ?? account.ratePerSecond, account.ratePerSecond)
}

/** The `campaign.progress` event of a campaign: its row, its live numbers, its qualifying. */
export function progressEvent(
  row: CampaignRow,
  numbers: ProgressSnapshot,
  qualifying: QualifyProgress | null
): Events['campaign.progress'] {
  return {
    campaignId: row.id,
    status: visibleStatus(row.status, qualifying !== null),
    ...(qualifying ? { qualifying } : {}),
    ...numbers,
    ...(row.paused_reason ? { pausedReason: row.paused_reason } : {})
  }
}
