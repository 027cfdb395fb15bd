import type { CampaignRepo } from '../db/repos/campaignRepo'
import type { QualifyJobRepo } from '../db/repos/qualifyJobRepo'
import type { Dispatcher } from '../dispatch/dispatcher'
import { Qualifier, type QualifyStore } from '../dispatch/qualify'
import type { Log } from '../kernel/kernel'
import { checkAudience, type DraftReads } from './validate'

/** What a launch's qualification reads and writes, and the dispatcher it hands pages to. */
export interface LaunchQualifierDeps {
  jobs: QualifyJobRepo
  reads: DraftReads
  messages: QualifyStore['messages']
  campaigns: QualifyStore['campaigns'] & Pick<CampaignRepo, 'refuseLaunch'>
  dispatcher: Pick<Dispatcher, 'emitProgress' | 'start' | 'grew' | 'pause'>
  log: Log
  /** The engine's clock (when a refused launch went back to draft). */
  now(): number
}

/**
 * The qualifier of launches (dispatch/qualify), wired to campaigns: its audience check is the
 * draft check's (campaigns/validate); a refused check puts the campaign back to draft with the
 * reason; a passed one starts dispatch, and every committed page grows the dispatcher's progress;
 * a failure pauses the campaign until the next start resumes it.
 */
export function createLaunchQualifier(deps: LaunchQualifierDeps) {
  const { campaigns, dispatcher, reads } = deps
  return new Qualifier(
    { jobs: deps.jobs, audience: reads.audience, messages: deps.messages, campaigns },
    {
      refuse: (id, problems) =>
        campaigns.refuseLaunch(id, `Not launched: ${problems.join(' ')}`, deps.now()),
      checked(id, problems) {
        if (problems.length) dispatcher.emitProgress(id)
        else dispatcher.start(id)
      },
      page: (id, page) => dispatcher.grew(id, page),
      failed(id, err) {
        deps.log(`qualifying campaign ${id} failed; it resumes at the next start`, err)
        dispatcher.pause(id, `Qualifying the audience failed: ${(err as Error).message}`)
      }
    },
    {
      checkAudience: (draft, checkOptions) => checkAudience(reads, draft, checkOptions)
    }
  )
}
