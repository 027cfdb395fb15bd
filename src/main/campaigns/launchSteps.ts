import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import type { Qualifier } from '../dispatch/qualify'
import type { ReadinessChecks } from '../registration/readiness'
import { fixTemplateAtLaunch } from '../templates/launch'
import { draftProblems, type DraftReads } from './validate'

/**
 * Launches drawing from at most this many contacts wait for the audience check before they
 * answer (a few pages of counting), so a bad draft is refused by the launch call itself. Larger
 * ones answer `qualifying` at once and a failed check puts the campaign back to draft with the
 * reason (counting 300,000 contacts kept the launch call waiting 1.4–2.2 s).
 */
const CHECK_BEFORE_ANSWER_CONTACTS = 20_000

/** What launching a draft reads and starts. */
export interface LaunchSteps {
  reads: DraftReads
  campaigns: Pick<CampaignRepo, 'fixTemplate'>
  readiness: Pick<ReadinessChecks, 'gateLaunch' | 'recordOverride'>
  qualifier: Pick<Qualifier, 'start' | 'verdict'>
  providerExists(id: string): boolean
  /** The engine's now: the launch's time. */
  now: number
}

/**
 * Launches a draft without waiting on audience-sized work: the quick problems refuse at once (an
 * `invalid_state` error listing them); the campaign is then `qualifying` while the audience check
 * counts in the background (small audiences are waited for, so their problems still refuse the
 * call itself).
 */
export async function launchDraft(
  steps: LaunchSteps,
  campaignId: string,
  draft: CampaignDraft,
  overrideReadiness: boolean
): Promise<void> {
  const problems = draftProblems(steps.reads, draft, steps.providerExists)
  if (problems.length) throw new AppError(ErrorCode.invalidState, problems.join(' '), problems)
  const overridden = steps.readiness.gateLaunch(draft.providerId, overrideReadiness)
  // The template's parameters as fixed at launch (templates domain) fill every page.
  const fixed = fixTemplateAtLaunch(steps.reads.templates, steps.campaigns, campaignId, draft)
  const drawnFrom = steps.qualifier.start(campaignId, fixed, steps.now)
  steps.readiness.recordOverride(campaignId, overridden)
  if (drawnFrom <= CHECK_BEFORE_ANSWER_CONTACTS) {
    const refused = await steps.qualifier.verdict(campaignId)
    if (refused?.length) throw new AppError(ErrorCode.invalidState, refused.join(' '), refused)
  }
}
