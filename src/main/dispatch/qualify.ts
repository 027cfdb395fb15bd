import { setTimeout as sleep } from 'node:timers/promises'
import type { CampaignDraft, CampaignStatus } from '../../shared/ipc/routes/campaigns'
import { CheckStopped } from './checkStopped'
import {
  contactPager,
  qualifyPage,
  type ContactPager,
  type PageResult,
  type QualifyProgress,
  type QualifyStore
} from './qualifyPage'

export type { PageResult, QualifyProgress, QualifyStore } from './qualifyPage'

/** Between two pages (a little idle time for the callback server, the fake, the machine). */
const PAGE_GAP_MS = 1

/** The status operators see: a running campaign is `qualifying` until its audience is fixed. */
export function visibleStatus(status: CampaignStatus, qualifying: boolean): CampaignStatus {
  return status === 'running' && qualifying ? 'qualifying' : status
}

/** What campaigns give the qualifier: the audience-sized part of their launch check. */
export interface QualifyRules {
  /** Throws `CheckStopped` when `stopped` says so between steps. */
  checkAudience(
    draft: CampaignDraft,
    options: { untilContactId: number | null; stopped: () => boolean }
  ): Promise<{ qualified: number; problems: string[] }>
}

/** What the qualifier tells the campaign service and the dispatcher. */
export interface QualifyHooks {
  /** The check found problems: write the campaign back to draft (inside the job's transaction). */
  refuse(campaignId: string, problems: string[]): void
  /** The check is over (committed): no problems means qualification and dispatch go on. */
  checked(campaignId: string, problems: string[]): void
  /** A page committed (the dispatcher grows its progress and finds the new rows). */
  page(campaignId: string, page: PageResult): void
  failed(campaignId: string, err: unknown): void
}

/**
 * Qualification at launch, in pages: one `message` row per contact with a valid phone (contact
 * phones are unique, so one per phone) among the contacts that existed at launch, a deterministic
 * control group set aside at launch time, a stable `seq`, a unique `our_id`, and target rows beyond
 * the limit recorded as `campaign_limit` dispatch errors (one page: `qualifyPage.ts`). Before the
 * first page, the audience part of the draft check runs (paged too); if it fails, the job ends and
 * `refuse` puts the campaign back to draft in the same transaction. Each page is one short
 * transaction that also moves the job's cursor, so a crash resumes cleanly; dispatch starts after
 * the check passed. The fields below are all the state there is: each running job, its contact
 * pager, the launches waiting for a verdict, and whether the engine stopped.
 */
export class Qualifier {
  private readonly store: QualifyStore
  private readonly hooks: QualifyHooks
  private readonly rules: QualifyRules
  /** The contact pager of each job being qualified (its audience's statement, prepared once). */
  private readonly pagers = new Map<string, ContactPager>()
  private readonly running = new Map<string, Promise<void>>()
  /** Launches waiting for the check's verdict (problems; null if it did not finish). */
  private readonly verdicts = new Map<string, ((problems: string[] | null) => void)[]>()
  private stopped = false
  /** Qualifies the next page of a campaign (one transaction); `done` once its audience is fixed. */
  private readonly page: (campaignId: string) => PageResult

  constructor(store: QualifyStore, hooks: QualifyHooks, rules: QualifyRules) {
    this.store = store
    this.hooks = hooks
    this.rules = rules
    this.page = store.jobs.unitOfWork((campaignId: string): PageResult => {
      const job = store.jobs.get(campaignId)
      if (!job?.checked)
        return { done: true, qualified: job?.qualified ?? 0, queued: 0, limited: 0 }
      let contacts = this.pagers.get(campaignId)
      if (!contacts) {
        contacts = contactPager(store, JSON.parse(job.draft) as CampaignDraft)
        this.pagers.set(campaignId, contacts)
      }
      const { result, more } = qualifyPage(store, campaignId, job, contacts)
      if (!more) this.pagers.delete(campaignId)
      return result
    })
  }

  /**
   * Launches with the draft as fixed at launch (its template parameters fill every page): fixes
   * the audience bound (contacts that exist now) and marks the campaign running; the check and
   * the pages follow in the background. Returns the number of contacts the audience is drawn from.
   */
  start(campaignId: string, draft: CampaignDraft, now: number): number {
    const { jobs, audience, campaigns } = this.store
    const until = audience.lastContactId() ?? 0
    jobs.unitOfWork(() => {
      jobs.create(campaignId, until, now, JSON.stringify(draft.template.params))
      campaigns.markRunning(campaignId, now)
    })()
    this.resume(campaignId)
    return until
  }

  /**
   * Resolves with the check's problems once it failed, or with none after the first page once it
   * passed (null if it stopped before either).
   */
  verdict(campaignId: string): Promise<string[] | null> {
    const job = this.store.jobs.get(campaignId)
    if (!job) return Promise.resolve(null)
    if (job.checked) return Promise.resolve([])
    return new Promise((resolve) => {
      this.verdicts.set(campaignId, [...(this.verdicts.get(campaignId) ?? []), resolve])
    })
  }

  /** True while the launch check has not passed yet (dispatch must not start). */
  checking(campaignId: string): boolean {
    return this.store.jobs.get(campaignId)?.checked === 0
  }

  /** Continues a job in the background (after the first page, or after a restart). */
  resume(campaignId: string): void {
    if (this.stopped || this.running.has(campaignId)) return
    const job = this.run(campaignId).finally(() => this.running.delete(campaignId))
    this.running.set(campaignId, job)
  }

  resumeAll(): void {
    for (const id of this.store.jobs.campaignIds()) this.resume(id)
  }

  progress(campaignId: string): QualifyProgress | null {
    const job = this.store.jobs.get(campaignId)
    return job ? { qualified: job.qualified, expected: job.expected } : null
  }

  /** Cancelled while qualifying: no more contacts are qualified (those fixed so far stay). */
  cancel(campaignId: string): void {
    this.store.jobs.end(campaignId)
    this.pagers.delete(campaignId)
  }

  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all(this.running.values())
  }

  private settle(campaignId: string, problems: string[] | null): void {
    for (const resolve of this.verdicts.get(campaignId) ?? []) resolve(problems)
    this.verdicts.delete(campaignId)
  }

  /** The audience part of the draft check; true when qualification may go on. */
  private async check(campaignId: string): Promise<boolean> {
    const { jobs } = this.store
    const job = jobs.get(campaignId)
    if (!job) return false
    if (job.checked) return true
    const draft = JSON.parse(job.draft) as CampaignDraft
    // Gives up when the engine closes or the launch is cancelled (the job is gone): a restart
    // checks again from the start, a cancelled launch needs no verdict.
    const found = await this.rules.checkAudience(draft, {
      untilContactId: job.until_contact_id,
      stopped: () => this.stopped || !jobs.get(campaignId)
    })
    const finished = jobs.unitOfWork((): boolean => {
      // Cancelled (or stopped and resumed elsewhere) while counting: nothing to decide.
      const now = jobs.get(campaignId)
      if (!now || now.checked) return false
      if (found.problems.length) {
        jobs.end(campaignId)
        this.hooks.refuse(campaignId, found.problems)
      } else jobs.markChecked(campaignId, found.qualified)
      return true
    })()
    if (!finished) return false
    if (found.problems.length) this.settle(campaignId, found.problems)
    this.hooks.checked(campaignId, found.problems)
    return found.problems.length === 0
  }

  private async run(campaignId: string): Promise<void> {
    try {
      if (!(await this.check(campaignId))) return
      for (;;) {
        if (this.stopped) return
        const result = this.page(campaignId)
        this.hooks.page(campaignId, result)
        // A launch waiting for the verdict answers after the first page (a small audience is
        // then qualified in full, as before the check moved behind the launch).
        this.settle(campaignId, [])
        if (result.done) return
        // A timer, not setImmediate: the loop then waits in its poll phase, so a request that
        // arrives between pages is read, committed and answered before the next page starts
        // (after setImmediate, the next page ran ahead of the inbox commit in the same phase).
        await sleep(PAGE_GAP_MS)
      }
    } catch (err) {
      if (!(err instanceof CheckStopped)) this.hooks.failed(campaignId, err)
    } finally {
      this.settle(campaignId, null)
    }
  }
}
