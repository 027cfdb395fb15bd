import { setTimeout as sleep } from 'node:timers/promises'
import type { CampaignDraft, CampaignStatus } from '../../shared/ipc/routes/campaigns'
import { inControlGroup } from './controlGroup'
import { fillParams, toTemplateContact } from '../templates/fill'
import type { CampaignDraft as Draft } from '../../shared/ipc/routes/campaigns'
import { CheckStopped } from './checkStopped'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import type { AudienceRepo } from '../db/repos/audienceRepo'
import type { QualifyJobRepo } from '../db/repos/qualifyJobRepo'
import { newOurId } from './ourId'

/** Contacts read per query; a page takes more batches while it stays under its time budget. */
const BATCH = 100
/**
 * One page (one transaction) stops after this long, so callbacks and API calls keep flowing: a
 * callback waits for about one page (and its commit) per loop turn it needs.
 */
const PAGE_BUDGET_MS = 6
/** ...and after this many contacts whatever the clock says. */
const PAGE_MAX = 2000
/** Between two pages (a little idle time for the callback server, the fake, the machine). */
const PAGE_GAP_MS = 1
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

/** The status operators see: a running campaign is `qualifying` until its audience is fixed. */
export function visibleStatus(status: CampaignStatus, qualifying: boolean): CampaignStatus {
  return status === 'running' && qualifying ? 'qualifying' : status
}

/**
 * Qualification at launch, in pages: one `message` row per contact with a valid phone (contact
 * phones are unique, so one per phone) among the contacts that existed at launch, a deterministic
 * control group set aside at launch time, a stable `seq`, a unique `our_id`, and target rows beyond
 * the limit recorded as `campaign_limit` dispatch errors. Before the first page, the audience part
 * of the draft check runs (paged too); if it fails, the job ends and `refuse` puts the campaign
 * back to draft in the same transaction. Each page is one short transaction that also moves the
 * job's cursor, so a crash resumes cleanly; dispatch starts after the check passed.
 */
/** What campaigns give the qualifier: the audience-sized part of their launch check. */
export interface QualifyRules {
  /** Throws `CheckStopped` when `stopped` says so between steps. */
  checkAudience(
    draft: Draft,
    options: { untilContactId: number | null; stopped: () => boolean }
  ): Promise<{ qualified: number; problems: string[] }>
}

/** What the qualifier reads and writes, each through its table's repository. */
export interface QualifyStore {
  jobs: QualifyJobRepo
  audience: Pick<AudienceRepo, 'lastContactId' | 'pager'>
  messages: Pick<MessageRepo, 'insertQualified'>
  /** The campaign's own writer: launched, and how many recipients are fixed. */
  campaigns: Pick<CampaignRepo, 'markRunning' | 'setQualified'>
}

export function createQualifier(
  store: QualifyStore,
  hooks: {
    /** The check found problems: write the campaign back to draft (inside the job's transaction). */
    refuse(campaignId: string, problems: string[]): void
    /** The check is over (committed): no problems means qualification and dispatch go on. */
    checked(campaignId: string, problems: string[]): void
    /** A page committed (the dispatcher grows its progress and finds the new rows). */
    page(campaignId: string, page: PageResult): void
    failed(campaignId: string, err: unknown): void
  },
  campaigns: QualifyRules
) {
  const { jobs, messages } = store
  const campaignRows = store.campaigns
  const pages = new Map<string, ReturnType<typeof prepareContacts>>()
  const running = new Map<string, Promise<void>>()
  /** Launches waiting for the check's verdict (problems; null if it did not finish). */
  const verdicts = new Map<string, ((problems: string[] | null) => void)[]>()
  let stopped = false

  function settle(campaignId: string, problems: string[] | null): void {
    for (const resolve of verdicts.get(campaignId) ?? []) resolve(problems)
    verdicts.delete(campaignId)
  }

  /** The audience part of the draft check; true when qualification may go on. */
  async function check(campaignId: string): Promise<boolean> {
    const job = jobs.get(campaignId)
    if (!job) return false
    if (job.checked) return true
    const draft = JSON.parse(job.draft) as CampaignDraft
    // Gives up when the engine closes or the launch is cancelled (the job is gone): a restart
    // checks again from the start, a cancelled launch needs no verdict.
    const found = await campaigns.checkAudience(draft, {
      untilContactId: job.until_contact_id,
      stopped: () => stopped || !jobs.get(campaignId)
    })
    const finished = jobs.unitOfWork((): boolean => {
      // Cancelled (or stopped and resumed elsewhere) while counting: nothing to decide.
      const now = jobs.get(campaignId)
      if (!now || now.checked) return false
      if (found.problems.length) {
        jobs.end(campaignId)
        hooks.refuse(campaignId, found.problems)
      } else jobs.markChecked(campaignId, found.qualified)
      return true
    })()
    if (!finished) return false
    if (found.problems.length) settle(campaignId, found.problems)
    hooks.checked(campaignId, found.problems)
    return found.problems.length === 0
  }

  const prepareContacts = (draft: CampaignDraft) => store.audience.pager(draft.audience, BATCH)

  /** Qualifies the next page of a campaign; `done` once its audience is fixed (or it has no job). */
  const page = jobs.unitOfWork((campaignId: string): PageResult => {
    const job = jobs.get(campaignId)
    const result: PageResult = { done: true, qualified: job?.qualified ?? 0, queued: 0, limited: 0 }
    if (!job?.checked) return result
    const draft = JSON.parse(job.draft) as CampaignDraft
    const templateParams = JSON.parse(job.params) as string[]
    let contacts = pages.get(campaignId)
    if (!contacts) pages.set(campaignId, (contacts = prepareContacts(draft)))
    const limit = draft.limit ?? Infinity
    const started = performance.now()
    let { after_contact_id: after, targets, skipped, qualified } = job
    const first = after === 0
    const budget = first ? Infinity : PAGE_BUDGET_MS
    let looked = 0
    let more = true
    while (
      more &&
      looked < (first ? FIRST_PAGE : PAGE_MAX) &&
      performance.now() - started < budget
    ) {
      const rows = contacts(after, job.until_contact_id)
      more = rows.length === BATCH
      looked += rows.length
      for (const row of rows) {
        after = row.id
        if (inControlGroup(campaignId, row.id, draft.controlGroupPercent)) {
          messages.insertQualified({
            campaignId,
            contactId: row.id,
            phone: row.phone,
            grp: 'control',
            seq: qualified++,
            ourId: newOurId(),
            params: null,
            dispatchState: 'control',
            dispatchError: null,
            setAsideAt: job.launched_at,
            dispatchedAt: null
          })
          continue
        }
        const filled = fillParams(templateParams, toTemplateContact(row))
        // Blank since the launch check (an edit during qualification): not qualifiable, counted.
        if (!filled.ok) {
          skipped++
          continue
        }
        const overLimit = targets++ >= limit
        if (overLimit) result.limited++
        else result.queued++
        messages.insertQualified({
          campaignId,
          contactId: row.id,
          phone: row.phone,
          grp: 'target',
          seq: qualified++,
          ourId: newOurId(),
          params: JSON.stringify(filled.params),
          dispatchState: overLimit ? 'error' : 'queued',
          dispatchError: overLimit ? 'campaign_limit' : null,
          setAsideAt: null,
          dispatchedAt: overLimit ? job.launched_at : null
        })
      }
    }
    campaignRows.setQualified(campaignId, qualified)
    result.qualified = qualified
    if (more) {
      jobs.move(campaignId, after, targets, skipped)
      result.done = false
    } else {
      jobs.end(campaignId)
      pages.delete(campaignId)
    }
    return result
  })

  async function run(campaignId: string): Promise<void> {
    try {
      if (!(await check(campaignId))) return
      for (;;) {
        if (stopped) return
        const result = page(campaignId)
        hooks.page(campaignId, result)
        // A launch waiting for the verdict answers after the first page (a small audience is
        // then qualified in full, as before the check moved behind the launch).
        settle(campaignId, [])
        if (result.done) return
        // A timer, not setImmediate: the loop then waits in its poll phase, so a request that
        // arrives between pages is read, committed and answered before the next page starts
        // (after setImmediate, the next page ran ahead of the inbox commit in the same phase).
        await sleep(PAGE_GAP_MS)
      }
    } catch (err) {
      if (!(err instanceof CheckStopped)) hooks.failed(campaignId, err)
    } finally {
      settle(campaignId, null)
    }
  }

  const api = {
    /**
     * Launches with the draft as fixed at launch (its template parameters fill every page): fixes
     * the audience bound (contacts that exist now) and marks the campaign running; the check and
     * the pages follow in the background. Returns the number of contacts the audience is drawn from.
     */
    start(campaignId: string, draft: CampaignDraft, now: number): number {
      const until = store.audience.lastContactId() ?? 0
      jobs.unitOfWork(() => {
        jobs.create(campaignId, until, now, JSON.stringify(draft.template.params))
        campaignRows.markRunning(campaignId, now)
      })()
      api.resume(campaignId)
      return until
    },
    /**
     * Resolves with the check's problems once it failed, or with none after the first page once it
     * passed (null if it stopped before either).
     */
    verdict(campaignId: string): Promise<string[] | null> {
      const job = jobs.get(campaignId)
      if (!job) return Promise.resolve(null)
      if (job.checked) return Promise.resolve([])
      return new Promise((resolve) => {
        verdicts.set(campaignId, [...(verdicts.get(campaignId) ?? []), resolve])
      })
    },
    /** True while the launch check has not passed yet (dispatch must not start). */
    checking: (campaignId: string): boolean => jobs.get(campaignId)?.checked === 0,
    /** Continues a job in the background (after the first page, or after a restart). */
    resume(campaignId: string): void {
      if (stopped || running.has(campaignId)) return
      const job = run(campaignId).finally(() => running.delete(campaignId))
      running.set(campaignId, job)
    },
    resumeAll(): void {
      for (const id of jobs.campaignIds()) api.resume(id)
    },
    progress(campaignId: string): QualifyProgress | null {
      const job = jobs.get(campaignId)
      return job ? { qualified: job.qualified, expected: job.expected } : null
    },
    /** Cancelled while qualifying: no more contacts are qualified (those fixed so far stay). */
    cancel(campaignId: string): void {
      jobs.end(campaignId)
      pages.delete(campaignId)
    },
    async stop(): Promise<void> {
      stopped = true
      await Promise.all(running.values())
    }
  }
  return api
}
export type Qualifier = ReturnType<typeof createQualifier>
