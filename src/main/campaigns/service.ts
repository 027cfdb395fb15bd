import { randomUUID } from 'node:crypto'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { CampaignDraft, CampaignStatus, CampaignView } from '../../shared/ipc/routes/campaigns'
import type { Kernel } from '../kernel/kernel'
import type { Dispatcher } from '../dispatch/dispatcher'
import { createQualifier, visibleStatus } from '../dispatch/qualify'
import { templateAsSent } from '../templates/asSent'
import { fixTemplateAtLaunch } from '../templates/launch'
import type { ReadinessChecks } from '../registration/readiness'
import {
  draftOf,
  type CampaignFilter,
  type CampaignRepo,
  type CampaignRow
} from '../db/repos/campaignRepo'
import type { QualifyJobRepo } from '../db/repos/qualifyJobRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { ProviderAccounts } from '../providers/providerAccounts'
import { checkAudience, checkDraft, draftProblems, scheduleAtMs, type DraftReads } from './validate'
import { DEFAULT_LOST_SEND_DEADLINE_MS } from '../dispatch/lostSends'
import { createUnknownOutcomes } from './unknownOutcomes'
import { staleEdit } from './draftVersion'
import type { DraftEdit } from '../db/repos/campaignRepo'

export interface CampaignServiceOptions {
  /** How long a lost send is checked before it may be sent again (dispatch/lostSends). */
  lostSendDeadlineMs?: number
  /** Settings' default revenue currency, stored with a goal that names none. */
  defaultCurrency?: () => string
}

const MAX_TIMER_MS = 2 ** 31 - 1
/**
 * Launches drawing from at most this many contacts wait for the audience check before they
 * answer (a few pages of counting), so a bad draft is refused by the launch call itself. Larger
 * ones answer `qualifying` at once and a failed check puts the campaign back to draft with the
 * reason (counting 300,000 contacts kept the launch call waiting 1.4–2.2 s).
 */
const CHECK_BEFORE_ANSWER_CONTACTS = 20_000

/**
 * Campaign lifecycle over the dispatcher: drafts, launch (qualification in short pages in the
 * background, dispatch from the first page), schedule timers, pause/resume/cancel, and recovery
 * when the engine starts.
 */
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

export function createCampaignService(
  kernel: Pick<Kernel, 'log'>,
  stores: CampaignStores,
  options: CampaignServiceOptions = {}
) {
  const { log } = kernel
  const repo = stores.campaigns
  const { reads, dispatcher, messages } = stores
  const qualifier = createQualifier(
    {
      jobs: stores.qualifyJobs,
      audience: reads.audience,
      messages,
      campaigns: repo
    },
    {
      refuse: (id, problems) => repo.refuseLaunch(id, `Not launched: ${problems.join(' ')}`),
      checked(id, problems) {
        if (problems.length) dispatcher.emitProgress(id)
        else dispatcher.start(id)
      },
      page: (id, page) => dispatcher.grew(id, page),
      failed(id, err) {
        log(`qualifying campaign ${id} failed; it resumes at the next start`, err)
        dispatcher.pause(id, `Qualifying the audience failed: ${(err as Error).message}`)
      }
    },
    {
      checkAudience: (draft, checkOptions) => checkAudience(reads, draft, checkOptions)
    }
  )
  const timers = new Map<string, NodeJS.Timeout>()
  const unknownOutcomes = createUnknownOutcomes(
    messages,
    options.lostSendDeadlineMs ?? DEFAULT_LOST_SEND_DEADLINE_MS
  )

  const providerExists = (id: string): boolean => stores.providers.find(id) !== undefined

  function mustGet(id: string): CampaignRow {
    const row = repo.get(id)
    if (!row) throw new AppError(ErrorCode.notFound, `No campaign with id ${id}`)
    return row
  }

  function requireProvider(draft: CampaignDraft): void {
    if (!providerExists(draft.providerId))
      throw new AppError(ErrorCode.invalidInput, `Provider ${draft.providerId} does not exist`)
  }

  function arm(id: string, at: number): void {
    clearTimeout(timers.get(id))
    const delay = at - Date.now()
    const timer = setTimeout(
      () => {
        timers.delete(id)
        if (delay > MAX_TIMER_MS) return arm(id, at)
        const row = repo.get(id)
        if (row?.status !== 'scheduled') return
        launchNow(row).catch((err: unknown) => {
          repo.setStatus(id, 'draft', `Scheduled launch failed: ${(err as Error).message}`)
          dispatcher.emitProgress(id)
        })
      },
      Math.max(0, Math.min(delay, MAX_TIMER_MS))
    )
    timers.set(id, timer)
  }

  /** Dispatch starts once the launch check passed (its `checked` hook starts it then). */
  function startDispatch(id: string): void {
    if (!qualifier.checking(id)) dispatcher.start(id)
  }

  /**
   * Launch without waiting on audience-sized work: the quick problems refuse at once; the campaign
   * is then `qualifying` while the audience check counts in the background (small audiences are
   * waited for, so their problems still refuse the call itself).
   */
  async function launchNow(row: CampaignRow, overrideReadiness = false): Promise<CampaignStatus> {
    const draft = draftOf(row)
    requireProvider(draft)
    const problems = draftProblems(reads, draft, providerExists)
    if (problems.length) throw new AppError(ErrorCode.invalidState, problems.join(' '), problems)
    const overridden = stores.readiness.gateLaunch(draft.providerId, overrideReadiness)
    // The template's parameters as fixed at launch (templates domain) fill every page.
    const fixed = fixTemplateAtLaunch(reads.templates, repo, row.id, draft)
    const drawnFrom = qualifier.start(row.id, fixed, Date.now())
    stores.readiness.recordOverride(row.id, overridden)
    if (drawnFrom <= CHECK_BEFORE_ANSWER_CONTACTS) {
      const refused = await qualifier.verdict(row.id)
      if (refused?.length) throw new AppError(ErrorCode.invalidState, refused.join(' '), refused)
    }
    return visibleStatus(repo.get(row.id)!.status, qualifier.progress(row.id) !== null)
  }

  function view(row: CampaignRow): CampaignView {
    const qualifying = qualifier.progress(row.id)
    const progress =
      row.status === 'draft' || row.status === 'scheduled'
        ? { qualified: 0, processed: 0 }
        : { ...dispatcher.progressOf(row.id)!, ...(qualifying ? { qualifying } : {}) }
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
      template: templateAsSent(repo, row.id)
    }
  }

  /** The goal keeps the currency it was created in, whatever the default becomes later. */
  function withCurrency(draft: CampaignDraft): CampaignDraft {
    const goal = draft.conversion
    if (!goal || goal.currency || !options.defaultCurrency) return draft
    return { ...draft, conversion: { ...goal, currency: options.defaultCurrency() } }
  }

  return {
    /** What dispatch is fed (DispatchFeed): null once the campaign's audience is fixed. */
    qualifying: (id: string) => qualifier.progress(id),
    create(input: CampaignDraft): { id: string } {
      const draft = withCurrency(input)
      requireProvider(draft)
      const id = randomUUID()
      repo.insert(id, draft, scheduleAtMs(draft))
      return { id }
    },
    /** Saves an edit made from `edit.version`; someone else's edit since is a 409 conflict. */
    update(id: string, input: CampaignDraft, edit: DraftEdit): { id: string; version: number } {
      const draft = withCurrency(input)
      const row = mustGet(id)
      if (row.status !== 'draft' && row.status !== 'scheduled')
        throw new AppError(ErrorCode.invalidState, `A ${row.status} campaign cannot be edited`)
      if (row.version !== edit.version) throw staleEdit(row, edit.version)
      requireProvider(draft)
      const at = scheduleAtMs(draft)
      // The version check is the statement's own as well (one writer, but never a lost edit).
      if (!repo.updateDraft(id, draft, at, edit)) throw staleEdit(mustGet(id), edit.version)
      if (row.status === 'scheduled') {
        if (at === null) repo.setStatus(id, 'draft')
        else arm(id, at)
      }
      return { id, version: edit.version + 1 }
    },
    preview: async (draft: Partial<CampaignDraft>) =>
      stores.readiness.withReadiness(
        draft.providerId,
        await checkDraft(reads, draft, providerExists)
      ),

    async launch(id: string, overrideReadiness = false): Promise<{ status: CampaignStatus }> {
      const row = mustGet(id)
      if (row.status !== 'draft' && row.status !== 'scheduled')
        throw new AppError(
          ErrorCode.invalidState,
          `Campaign is ${row.status}; only a draft can launch`
        )
      const at = scheduleAtMs(draftOf(row))
      if (row.status === 'draft' && at !== null && at > Date.now()) {
        requireProvider(draftOf(row))
        repo.schedule(id, at)
        arm(id, at)
        dispatcher.emitProgress(id)
        return { status: 'scheduled' }
      }
      clearTimeout(timers.get(id))
      return { status: await launchNow(row, overrideReadiness) }
    },
    /** `reason` is shown with the paused campaign (template paused, …); none for the operator's. */
    pause(id: string, reason: string | null = null): { status: CampaignStatus } {
      const row = mustGet(id)
      if (row.status === 'paused') return { status: 'paused' }
      // While qualifying, pausing stops sending; the audience is still fixed in the background.
      if (row.status !== 'running')
        throw new AppError(
          ErrorCode.invalidState,
          `Campaign is ${row.status}; only a running one can pause`
        )
      dispatcher.pause(id, reason)
      return { status: 'paused' }
    },
    resume(id: string): { status: CampaignStatus } {
      const row = mustGet(id)
      if (row.status === 'running')
        return { status: visibleStatus('running', qualifier.progress(id) !== null) }
      if (row.status !== 'paused')
        throw new AppError(
          ErrorCode.invalidState,
          `Campaign is ${row.status}; only a paused one can resume`
        )
      requireProvider(draftOf(row))
      repo.setStatus(id, 'running', null)
      qualifier.resume(id)
      startDispatch(id)
      return { status: visibleStatus(repo.get(id)!.status, qualifier.progress(id) !== null) }
    },
    unknownOutcomes: (id: string, offset?: number, limit?: number) =>
      unknownOutcomes.list(mustGet(id).id, offset, limit),
    /**
     * The operator's explicit resend of sends whose outcome stayed unknown past the checking
     * deadline (the route makes them acknowledge the risk of a duplicate): back to the queue, and
     * a completed campaign runs again to send them; a paused one sends them when resumed.
     */
    async resendUnknown(
      id: string
    ): Promise<{ status: CampaignStatus; requeued: number; stillChecking: number }> {
      const row = mustGet(id)
      if (!['running', 'paused', 'completed'].includes(row.status))
        throw new AppError(
          ErrorCode.invalidState,
          `Campaign is ${row.status}; only a running, paused or completed one can send again`
        )
      if (row.status !== 'paused') requireProvider(draftOf(row))
      const result = await unknownOutcomes.requeue(id)
      if (result.requeued > 0 && row.status === 'completed') {
        repo.setStatus(id, 'running', null)
        startDispatch(id)
      }
      log(
        `dispatch: ${result.requeued} sends of unknown outcome of ${id} sent again by the operator`
      )
      const status = repo.get(id)!.status
      return { status: visibleStatus(status, qualifier.progress(id) !== null), ...result }
    },
    cancel(id: string): { status: CampaignStatus } {
      const row = mustGet(id)
      if (row.status === 'completed' || row.status === 'cancelled')
        throw new AppError(ErrorCode.invalidState, `Campaign is already ${row.status}`)
      clearTimeout(timers.get(id))
      qualifier.cancel(id)
      if (row.status === 'draft' || row.status === 'scheduled') {
        repo.setStatus(id, 'cancelled')
        dispatcher.emitProgress(id)
      } else dispatcher.cancel(id)
      return { status: 'cancelled' }
    },
    duplicate(id: string): { id: string } {
      const draft = draftOf(mustGet(id))
      const copy = { ...draft, name: copyName(draft.name), scheduleAt: null }
      const copyId = randomUUID()
      repo.insert(copyId, copy, null)
      return { id: copyId }
    },
    remove(id: string): { deleted: true } {
      const row = mustGet(id)
      if (row.status !== 'draft' || !repo.deleteDraft(id))
        throw new AppError(
          ErrorCode.invalidState,
          `Campaign is ${row.status}; only a draft can be deleted (cancel it instead)`
        )
      clearTimeout(timers.get(id))
      return { deleted: true }
    },
    get: (id: string): CampaignView => view(mustGet(id)),
    /** A page of the list (all campaigns without a limit), each with its outcome so far. */
    list(filter: Omit<CampaignFilter, 'statuses'> & { statuses?: CampaignStatus[] }) {
      // 'qualifying' is stored as 'running' (its audience still being fixed): either finds both.
      const statuses = filter.statuses?.map((s) => (s === 'qualifying' ? 'running' : s))
      const { rows, total } = repo.page({ ...filter, statuses })
      const campaigns = rows.map((row): CampaignView => {
        const shown = view(row)
        const c = row.launched_at === null ? undefined : repo.listCounters(row.id)
        if (!c) return shown
        const { hasGoal, ...counts } = c
        return { ...shown, outcome: { ...counts, converted: hasGoal ? c.converted : null } }
      })
      return { campaigns, total }
    },

    /** Engine stop: schedule timers end, qualification and dispatch stop and flush. */
    async stop(): Promise<void> {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      await qualifier.stop()
      await dispatcher.close()
    },

    /** Engine start: in-flight rows of the previous process become unknown, runs resume. */
    recover(): void {
      const unknown = messages.markInterruptedUnknown()
      if (unknown)
        log(`dispatch: ${unknown} requests were in flight at the last stop: outcome unknown`)
      // Qualification interrupted by a crash continues from its cursor (before dispatch resumes).
      qualifier.resumeAll()
      for (const row of repo.byStatus('running')) {
        try {
          startDispatch(row.id)
        } catch (err) {
          repo.setStatus(
            row.id,
            'paused',
            `Could not resume after restart: ${(err as Error).message}`
          )
        }
      }
      for (const row of repo.byStatus('scheduled')) arm(row.id, row.scheduled_at ?? Date.now())
      for (const row of repo.byStatus('cancelled'))
        dispatcher.finishCancel(row.id, row.completed_at ?? Date.now())
    }
  }
}
/** "Copy of X", within the draft's 200-character name limit. */
function copyName(name: string): string {
  return `Copy of ${name}`.slice(0, 200)
}

export type CampaignService = ReturnType<typeof createCampaignService>
