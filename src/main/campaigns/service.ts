import { randomUUID } from 'node:crypto'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { CampaignDraft, CampaignStatus, CampaignView } from '../../shared/ipc/routes/campaigns'
import type { Kernel } from '../kernel/kernel'
import type { Dispatcher, DispatchFeed } from '../dispatch/dispatcher'
import { visibleStatus, type Qualifier, type QualifyProgress } from '../dispatch/qualify'
import { templateAsSent } from '../templates/asSent'
import {
  draftOf,
  type CampaignFilter,
  type CampaignRepo,
  type CampaignRow,
  type DraftEdit
} from '../db/repos/campaignRepo'
import { checkDraft, scheduleAtMs, type DraftReads } from './validate'
import { launchDraft } from './launchSteps'
import { DEFAULT_LOST_SEND_DEADLINE_MS } from '../dispatch/lostSends'
import { createUnknownOutcomes, type UnknownOutcomes } from './unknownOutcomes'
import { staleEdit } from './draftVersion'
import { campaignView, copyName, withCurrency, withOutcome } from './campaignView'
import { createLaunchQualifier } from './launchQualifier'
import { ScheduleTimers } from './scheduleTimers'
import type { CampaignServiceOptions, CampaignStores } from './serviceDeps'

/**
 * Campaign lifecycle over the dispatcher: drafts, launch (qualification in short pages in the
 * background, dispatch from the first page), schedule timers, pause/resume/cancel, and recovery
 * when the engine starts. Its state is the launch qualifier, the schedule timers and the
 * dispatcher it feeds (`DispatchFeed`); views and pure helpers are in `campaignView.ts`.
 */
export class CampaignService implements DispatchFeed {
  private readonly repo: CampaignRepo
  private readonly reads: DraftReads
  private readonly dispatcher: Dispatcher
  private readonly qualifier: Qualifier
  private readonly timers = new ScheduleTimers(
    (id) => this.launchScheduled(id),
    () => this.now()
  )
  private readonly unknown: UnknownOutcomes

  constructor(
    private readonly kernel: Pick<Kernel, 'log' | 'clock'>,
    private readonly stores: CampaignStores,
    private readonly options: CampaignServiceOptions = {}
  ) {
    this.repo = stores.campaigns
    this.reads = stores.reads
    this.dispatcher = stores.dispatcher
    this.qualifier = createLaunchQualifier({
      jobs: stores.qualifyJobs,
      reads: stores.reads,
      messages: stores.messages,
      campaigns: stores.campaigns,
      dispatcher: stores.dispatcher,
      log: kernel.log,
      now: () => this.now()
    })
    this.unknown = createUnknownOutcomes(
      stores.messages,
      options.lostSendDeadlineMs ?? DEFAULT_LOST_SEND_DEADLINE_MS,
      kernel.clock
    )
  }

  /** A schedule still ahead of the engine's now (a launch then schedules); a past one: null. */
  startsLater(at: number | null): number | null {
    return at !== null && at > this.now() ? at : null
  }

  /** What dispatch is fed: null once the campaign's audience is fixed. */
  qualifying(id: string): QualifyProgress | null {
    return this.qualifier.progress(id)
  }

  create(input: CampaignDraft): { id: string } {
    const draft = withCurrency(input, this.options.defaultCurrency)
    this.requireProvider(draft)
    const id = randomUUID()
    this.repo.insert(id, draft, scheduleAtMs(draft), this.now())
    return { id }
  }

  /** Saves an edit made from `edit.version`; someone else's edit since is a 409 conflict. */
  update(id: string, input: CampaignDraft, edit: DraftEdit): { id: string; version: number } {
    const draft = withCurrency(input, this.options.defaultCurrency)
    const row = this.mustGet(id)
    if (row.status !== 'draft' && row.status !== 'scheduled')
      throw new AppError(ErrorCode.invalidState, `A ${row.status} campaign cannot be edited`)
    if (row.version !== edit.version) throw staleEdit(row, edit.version)
    this.requireProvider(draft)
    const at = scheduleAtMs(draft)
    // The version check is the statement's own as well (one writer, but never a lost edit).
    if (!this.repo.updateDraft(id, draft, at, edit, this.now()))
      throw staleEdit(this.mustGet(id), edit.version)
    if (row.status === 'scheduled') {
      if (at === null) this.repo.setStatus(id, 'draft', null, this.now())
      else this.timers.arm(id, at)
    }
    return { id, version: edit.version + 1 }
  }

  async preview(draft: Partial<CampaignDraft>) {
    return this.stores.readiness.withReadiness(
      draft.providerId,
      await checkDraft(this.reads, draft, this.providerExists)
    )
  }

  async launch(id: string, overrideReadiness = false): Promise<{ status: CampaignStatus }> {
    const row = this.mustGet(id)
    if (row.status !== 'draft' && row.status !== 'scheduled')
      throw new AppError(
        ErrorCode.invalidState,
        `Campaign is ${row.status}; only a draft can launch`
      )
    const at = this.startsLater(scheduleAtMs(draftOf(row)))
    if (row.status === 'draft' && at !== null) {
      this.requireProvider(draftOf(row))
      this.repo.schedule(id, at, this.now())
      this.timers.arm(id, at)
      this.dispatcher.emitProgress(id)
      return { status: 'scheduled' }
    }
    this.timers.clear(id)
    return { status: await this.launchNow(row, overrideReadiness) }
  }

  /** `reason` is shown with the paused campaign (template paused, …); none for the operator's. */
  pause(id: string, reason: string | null = null): { status: CampaignStatus } {
    const row = this.mustGet(id)
    if (row.status === 'paused') return { status: 'paused' }
    // While qualifying, pausing stops sending; the audience is still fixed in the background.
    if (row.status !== 'running')
      throw new AppError(
        ErrorCode.invalidState,
        `Campaign is ${row.status}; only a running one can pause`
      )
    this.dispatcher.pause(id, reason)
    return { status: 'paused' }
  }

  resume(id: string): { status: CampaignStatus } {
    const row = this.mustGet(id)
    if (row.status === 'running') return { status: this.statusOf(id, 'running') }
    if (row.status !== 'paused')
      throw new AppError(
        ErrorCode.invalidState,
        `Campaign is ${row.status}; only a paused one can resume`
      )
    this.requireProvider(draftOf(row))
    this.repo.setStatus(id, 'running', null, this.now())
    this.qualifier.resume(id)
    this.startDispatch(id)
    return { status: this.statusOf(id) }
  }

  unknownOutcomes(id: string, offset?: number, limit?: number) {
    return this.unknown.list(this.mustGet(id).id, offset, limit)
  }

  /**
   * The operator's explicit resend of sends whose outcome stayed unknown past the checking
   * deadline (the route makes them acknowledge the risk of a duplicate): back to the queue, and
   * a completed campaign runs again to send them; a paused one sends them when resumed.
   */
  async resendUnknown(
    id: string
  ): Promise<{ status: CampaignStatus; requeued: number; stillChecking: number }> {
    const row = this.mustGet(id)
    if (!['running', 'paused', 'completed'].includes(row.status))
      throw new AppError(
        ErrorCode.invalidState,
        `Campaign is ${row.status}; only a running, paused or completed one can send again`
      )
    if (row.status !== 'paused') this.requireProvider(draftOf(row))
    const result = await this.unknown.requeue(id)
    if (result.requeued > 0 && row.status === 'completed') {
      this.repo.setStatus(id, 'running', null, this.now())
      this.startDispatch(id)
    }
    this.kernel.log(
      `dispatch: ${result.requeued} sends of unknown outcome of ${id} sent again by the operator`
    )
    return { status: this.statusOf(id), ...result }
  }

  cancel(id: string): { status: CampaignStatus } {
    const row = this.mustGet(id)
    if (row.status === 'completed' || row.status === 'cancelled')
      throw new AppError(ErrorCode.invalidState, `Campaign is already ${row.status}`)
    this.timers.clear(id)
    this.qualifier.cancel(id)
    if (row.status === 'draft' || row.status === 'scheduled') {
      this.repo.setStatus(id, 'cancelled', null, this.now())
      this.dispatcher.emitProgress(id)
    } else this.dispatcher.cancel(id, this.now())
    return { status: 'cancelled' }
  }

  duplicate(id: string): { id: string } {
    const draft = draftOf(this.mustGet(id))
    const copy = { ...draft, name: copyName(draft.name), scheduleAt: null }
    const copyId = randomUUID()
    this.repo.insert(copyId, copy, null, this.now())
    return { id: copyId }
  }

  remove(id: string): { deleted: true } {
    const row = this.mustGet(id)
    if (row.status !== 'draft' || !this.repo.deleteDraft(id))
      throw new AppError(
        ErrorCode.invalidState,
        `Campaign is ${row.status}; only a draft can be deleted (cancel it instead)`
      )
    this.timers.clear(id)
    return { deleted: true }
  }

  get(id: string): CampaignView {
    return this.view(this.mustGet(id))
  }

  /** A page of the list (all campaigns without a limit), each with its outcome so far. */
  list(filter: Omit<CampaignFilter, 'statuses'> & { statuses?: CampaignStatus[] }) {
    // 'qualifying' is stored as 'running' (its audience still being fixed): either finds both.
    const statuses = filter.statuses?.map((s) => (s === 'qualifying' ? 'running' : s))
    const { rows, total } = this.repo.page({ ...filter, statuses })
    const campaigns = rows.map((row) =>
      withOutcome(
        this.view(row),
        row.launched_at === null ? undefined : this.repo.listCounters(row.id)
      )
    )
    return { campaigns, total }
  }

  /** Engine stop: schedule timers end, qualification and dispatch stop and flush. */
  async stop(): Promise<void> {
    this.timers.clearAll()
    await this.qualifier.stop()
    await this.dispatcher.close()
  }

  /** Engine start: in-flight rows of the previous process become unknown, runs resume. */
  recover(): void {
    const unknown = this.stores.messages.markInterruptedUnknown()
    if (unknown)
      this.kernel.log(
        `dispatch: ${unknown} requests were in flight at the last stop: outcome unknown`
      )
    // Qualification interrupted by a crash continues from its cursor (before dispatch resumes).
    this.qualifier.resumeAll()
    for (const row of this.repo.byStatus('running')) {
      try {
        this.startDispatch(row.id)
      } catch (err) {
        this.repo.setStatus(
          row.id,
          'paused',
          `Could not resume after restart: ${(err as Error).message}`,
          this.now()
        )
      }
    }
    for (const row of this.repo.byStatus('scheduled'))
      this.timers.arm(row.id, row.scheduled_at ?? this.now())
    for (const row of this.repo.byStatus('cancelled'))
      this.dispatcher.finishCancel(row.id, row.completed_at ?? this.now())
  }

  /** The engine's clock: every time this service writes or decides by. */
  private now(): number {
    return this.kernel.clock.now()
  }

  private readonly providerExists = (id: string): boolean =>
    this.stores.providers.find(id) !== undefined

  private mustGet(id: string): CampaignRow {
    const row = this.repo.get(id)
    if (!row) throw new AppError(ErrorCode.notFound, `No campaign with id ${id}`)
    return row
  }

  private requireProvider(draft: CampaignDraft): void {
    if (!this.providerExists(draft.providerId))
      throw new AppError(ErrorCode.invalidInput, `Provider ${draft.providerId} does not exist`)
  }

  /** The status operators see now: `qualifying` while a running campaign's audience is fixed. */
  private statusOf(id: string, stored = this.repo.get(id)!.status): CampaignStatus {
    return visibleStatus(stored, this.qualifier.progress(id) !== null)
  }

  private view(row: CampaignRow): CampaignView {
    return campaignView(
      row,
      this.qualifier.progress(row.id),
      (id) => this.dispatcher.progressOf(id),
      templateAsSent(this.repo, row.id)
    )
  }

  /** A schedule timer fired: launch the campaign if it is still scheduled. */
  private launchScheduled(id: string): void {
    const row = this.repo.get(id)
    if (row?.status !== 'scheduled') return
    this.launchNow(row).catch((err: unknown) => {
      this.repo.setStatus(
        id,
        'draft',
        `Scheduled launch failed: ${(err as Error).message}`,
        this.now()
      )
      this.dispatcher.emitProgress(id)
    })
  }

  /** Dispatch starts once the launch check passed (its `checked` hook starts it then). */
  private startDispatch(id: string): void {
    if (!this.qualifier.checking(id)) this.dispatcher.start(id)
  }

  /** Launches now (launchSteps.ts); answers `qualifying` while the audience is being fixed. */
  private async launchNow(row: CampaignRow, overrideReadiness = false): Promise<CampaignStatus> {
    const draft = draftOf(row)
    this.requireProvider(draft)
    const steps = {
      ...this.stores,
      qualifier: this.qualifier,
      providerExists: this.providerExists,
      now: this.now()
    }
    await launchDraft(steps, row.id, draft, overrideReadiness)
    return this.statusOf(row.id)
  }
}
