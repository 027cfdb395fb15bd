import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { AudienceRepo } from '../db/repos/audienceRepo'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { QualifyJob, QualifyJobRepo } from '../db/repos/qualifyJobRepo'
import { fillParams, toTemplateContact } from '../templates/fill'
import { inControlGroup } from './controlGroup'
import { newOurId } from './ourId'

/** Contacts read per query; a page takes more batches while it stays under its time budget. */
export const BATCH = 100
/**
 * One page (one transaction) stops after this long, so callbacks and API calls keep flowing: a
 * callback waits for about one page (and its commit) per loop turn it needs.
 */
const PAGE_BUDGET_MS = 6
/** ...and after this many contacts whatever the clock says. */
const PAGE_MAX = 2000
/**
 * The first page fixes this many contacts whatever the clock says: a small audience is then
 * qualified in full before the launch answers and before the first send (one short pause of the
 * loop per launch).
 */
const FIRST_PAGE = 1000

export interface QualifyProgress {
  /** Qualified users fixed so far (control and target). */
  qualified: number
  /**
   * What the launch check counted: the progress bar's end (the audience may shrink meanwhile);
   * 0 while that check is still counting.
   */
  expected: number
}

/** What one page added, for the dispatcher's live progress. */
export interface PageResult {
  done: boolean
  qualified: number
  queued: number
  limited: number
}

/** What the qualifier reads and writes, each through its table's repository. */
export interface QualifyStore {
  jobs: QualifyJobRepo
  audience: Pick<AudienceRepo, 'lastContactId' | 'pager'>
  messages: Pick<MessageRepo, 'insertQualified'>
  /** The campaign's own writer: launched, and how many recipients are fixed. */
  campaigns: Pick<CampaignRepo, 'markRunning' | 'setQualified'>
}

/** The audience's contacts after one id and up to the launch bound, a batch at a time. */
export type ContactPager = ReturnType<QualifyStore['audience']['pager']>

export const contactPager = (store: QualifyStore, draft: CampaignDraft): ContactPager =>
  store.audience.pager(draft.audience, BATCH)

/** Where a job stands while its page runs: the cursor and the running counts it moves. */
interface Cursor {
  after: number
  targets: number
  skipped: number
  qualified: number
}

/**
 * Fixes one contact: a control row set aside at launch, a target row (queued, or a
 * `campaign_limit` dispatch error beyond the limit), or skipped when the template's parameters
 * came out blank since the launch check (an edit during qualification: not qualifiable, counted).
 */
function qualifyContact(
  messages: QualifyStore['messages'],
  job: QualifyJob,
  fixed: { campaignId: string; draft: CampaignDraft; params: string[]; limit: number },
  contact: ReturnType<ContactPager>[number],
  at: Cursor,
  result: PageResult
): void {
  const { campaignId, draft } = fixed
  at.after = contact.id
  if (inControlGroup(campaignId, contact.id, draft.controlGroupPercent)) {
    messages.insertQualified({
      campaignId,
      contactId: contact.id,
      phone: contact.phone,
      grp: 'control',
      seq: at.qualified++,
      ourId: newOurId(),
      params: null,
      dispatchState: 'control',
      dispatchError: null,
      setAsideAt: job.launched_at,
      dispatchedAt: null
    })
    return
  }
  const filled = fillParams(fixed.params, toTemplateContact(contact))
  if (!filled.ok) {
    at.skipped++
    return
  }
  const overLimit = at.targets++ >= fixed.limit
  if (overLimit) result.limited++
  else result.queued++
  messages.insertQualified({
    campaignId,
    contactId: contact.id,
    phone: contact.phone,
    grp: 'target',
    seq: at.qualified++,
    ourId: newOurId(),
    params: JSON.stringify(filled.params),
    dispatchState: overLimit ? 'error' : 'queued',
    dispatchError: overLimit ? 'campaign_limit' : null,
    setAsideAt: null,
    dispatchedAt: overLimit ? job.launched_at : null
  })
}

/**
 * One page of a checked job, inside the caller's transaction: contacts in id order from the
 * job's cursor, a batch at a time, until the page's budget (the first page: FIRST_PAGE contacts
 * whatever the clock says) or the end of the audience. Writes the qualified count and moves (or
 * ends) the job; `more` says whether the audience has contacts left.
 */
export function qualifyPage(
  store: QualifyStore,
  campaignId: string,
  job: QualifyJob,
  contacts: ContactPager
): { result: PageResult; more: boolean } {
  const draft = JSON.parse(job.draft) as CampaignDraft
  const fixed = {
    campaignId,
    draft,
    params: JSON.parse(job.params) as string[],
    limit: draft.limit ?? Infinity
  }
  const result: PageResult = { done: true, qualified: job.qualified, queued: 0, limited: 0 }
  const at: Cursor = {
    after: job.after_contact_id,
    targets: job.targets,
    skipped: job.skipped,
    qualified: job.qualified
  }
  const started = performance.now()
  const first = at.after === 0
  const budget = first ? Infinity : PAGE_BUDGET_MS
  let looked = 0
  let more = true
  while (more && looked < (first ? FIRST_PAGE : PAGE_MAX) && performance.now() - started < budget) {
    const rows = contacts(at.after, job.until_contact_id)
    more = rows.length === BATCH
    looked += rows.length
    for (const contact of rows) qualifyContact(store.messages, job, fixed, contact, at, result)
  }
  store.campaigns.setQualified(campaignId, at.qualified)
  result.qualified = at.qualified
  if (more) {
    store.jobs.move(campaignId, at.after, at.targets, at.skipped)
    result.done = false
  } else store.jobs.end(campaignId)
  return { result, more }
}
