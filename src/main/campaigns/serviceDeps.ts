import type { CampaignRepo } from '../db/repos/campaignRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { QualifyJobRepo } from '../db/repos/qualifyJobRepo'
import type { Dispatcher } from '../dispatch/dispatcher'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { ReadinessChecks } from '../registration/readiness'
import type { DraftReads } from './validate'

/** The repositories campaigns work through, built once by the composition root. */
export interface CampaignStores {
  /** The only writer of `campaign`. */
  campaigns: CampaignRepo
  qualifyJobs: QualifyJobRepo
  /** The draft check's reads (audience, synced templates, account types). */
  reads: DraftReads
  /** The message rows: qualification inserts them; recovery and the unknown outcomes read them. */
  messages: Pick<
    MessageRepo,
    | 'insertQualified'
    | 'markInterruptedUnknown'
    | 'unknownCounts'
    | 'unknownOutcomes'
    | 'requeueUnknown'
  >
  /** Whether a draft's provider account exists. */
  providers: Pick<ProviderAccounts, 'find'>
  /** Whether reports can reach the app: the preview's problems and the launch gate. */
  readiness: Pick<ReadinessChecks, 'withReadiness' | 'gateLaunch' | 'recordOverride'>
  /** Sends the running campaigns (dispatch/dispatcher), fed by `qualifying` below. */
  dispatcher: Dispatcher
}

export interface CampaignServiceOptions {
  /** How long a lost send is checked before it may be sent again (dispatch/lostSends). */
  lostSendDeadlineMs?: number
  /** Settings' default revenue currency, stored with a goal that names none. */
  defaultCurrency?: () => string
}
