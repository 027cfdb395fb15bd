import { randomBytes } from 'node:crypto'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { CampaignDraft, CampaignStatus } from '../../shared/ipc/routes/campaigns'
import { audienceSql } from '../campaigns/audience'
import { inControlGroup } from '../campaigns/controlGroup'
import { fillParams } from '../campaigns/template'
import { toTemplateContact } from '../campaigns/validate'
import type { Db } from '../db/openDb'
import { createMessageRepo } from '../db/repos/messageRepo'

/** Contacts read per query; a page takes more batches while it stays under its time budget. */
const BATCH = 500
/** One page (one transaction) stops after this long, so callbacks and API calls keep flowing. */
const PAGE_BUDGET_MS = 20
/** ...and after this many contacts whatever the clock says. */
const PAGE_MAX = 5000

export interface QualifyProgress {
  /** Qualified users fixed so far (control and target). */
  qualified: number
  /** What the launch check counted: the progress bar's end (the audience may shrink meanwhile). */
  expected: number
}

/** What one page added, for the dispatcher's live progress. */
export interface PageResult {
  done: boolean
  qualified: number
  queued: number
  limited: number
}

interface Job {
  after_contact_id: number
  until_contact_id: number
  expected: number
  targets: number
  skipped: number
  launched_at: number
  params: string
  draft: string
  qualified: number
}

export function newOurId(): string {
  return `tb_${randomBytes(15).toString('base64url')}`
}

/** The status operators see: a running campaign is `qualifying` until its audience is fixed. */
export function visibleStatus(status: CampaignStatus, qualifying: boolean): CampaignStatus {
  return status === 'running' && qualifying ? 'qualifying' : status
}

/**
 * Qualification at launch, in pages: one `message` row per contact with a valid phone (contact
 * phones are unique, so one per phone) among the contacts that existed at launch, a deterministic
 * control group set aside at launch time, a stable `seq`, a unique `our_id`, and target rows beyond
 * the limit recorded as `campaign_limit` dispatch errors. Each page is one short transaction that
 * also moves the job's cursor, so a crash resumes cleanly; dispatch starts after the first page.
 */
export function createQualifier(
  db: Db,
  hooks: {
    /** A page committed (the dispatcher grows its progress and finds the new rows). */
    page(campaignId: string, page: PageResult): void
    failed(campaignId: string, err: unknown): void
  }
) {
  const messages = createMessageRepo(db)
  const jobOf = db.prepare<[string], Job>(
    `SELECT j.*, c.draft, c.qualified FROM qualify_job j JOIN campaign c ON c.id = j.campaign_id
     WHERE j.campaign_id = ?`
  )
  const jobIds = db.prepare<[], string>('SELECT campaign_id FROM qualify_job').pluck()
  const lastContact = db.prepare<[], number | null>('SELECT MAX(id) FROM contact').pluck()
  const createJob = db.prepare(
    `INSERT INTO qualify_job (campaign_id, after_contact_id, until_contact_id, expected, launched_at,
       params) VALUES (?, 0, ?, ?, ?, ?)`
  )
  const markRunning = db.prepare(
    `UPDATE campaign SET status = 'running', paused_reason = NULL, launched_at = ?, qualified = 0,
       updated_at = ? WHERE id = ?`
  )
  const moveJob = db.prepare(
    `UPDATE qualify_job SET after_contact_id = ?, targets = ?, skipped = ? WHERE campaign_id = ?`
  )
  const setQualified = db.prepare('UPDATE campaign SET qualified = ? WHERE id = ?')
  const endJob = db.prepare('DELETE FROM qualify_job WHERE campaign_id = ?')
  const pages = new Map<string, ReturnType<typeof prepareContacts>>()
  const running = new Map<string, Promise<void>>()
  let stopped = false

  function prepareContacts(draft: CampaignDraft) {
    const { where, params } = audienceSql(draft.audience)
    const statement = db.prepare<
      unknown[],
      { id: number; phone: string; name: string | null; properties: string }
    >(
      `SELECT c.id, c.phone, c.name, c.properties FROM contact c
       WHERE ${where} AND c.id > ? AND c.id <= ? ORDER BY c.id LIMIT ${BATCH}`
    )
    return (after: number, until: number) => statement.all(...params, after, until)
  }

  /** Qualifies the next page of a campaign; `done` once its audience is fixed (or it has no job). */
  const page = db.transaction((campaignId: string): PageResult => {
    const job = jobOf.get(campaignId)
    const result: PageResult = { done: true, qualified: job?.qualified ?? 0, queued: 0, limited: 0 }
    if (!job) return result
    const draft = JSON.parse(job.draft) as CampaignDraft
    const templateParams = JSON.parse(job.params) as string[]
    let contacts = pages.get(campaignId)
    if (!contacts) pages.set(campaignId, (contacts = prepareContacts(draft)))
    const limit = draft.limit ?? Infinity
    const started = performance.now()
    let { after_contact_id: after, targets, skipped, qualified } = job
    let looked = 0
    let more = true
    while (more && looked < PAGE_MAX && performance.now() - started < PAGE_BUDGET_MS) {
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
    setQualified.run(qualified, campaignId)
    result.qualified = qualified
    if (more) {
      moveJob.run(after, targets, skipped, campaignId)
      result.done = false
    } else {
      endJob.run(campaignId)
      pages.delete(campaignId)
    }
    return result
  })

  async function run(campaignId: string): Promise<void> {
    try {
      for (;;) {
        if (stopped) return
        const result = page(campaignId)
        hooks.page(campaignId, result)
        if (result.done) return
        await yieldToLoop()
      }
    } catch (err) {
      hooks.failed(campaignId, err)
    }
  }

  const api = {
    /**
     * Launches with the draft as fixed at launch (its template parameters fill every page): fixes
     * the audience bound (contacts that exist now), marks the campaign running and qualifies the
     * first page, all before returning, so dispatch can start at once.
     */
    start(campaignId: string, draft: CampaignDraft, expected: number, now: number): PageResult {
      db.transaction(() => {
        const params = JSON.stringify(draft.template.params)
        createJob.run(campaignId, lastContact.get() ?? 0, expected, now, params)
        markRunning.run(now, now, campaignId)
      })()
      const first = page(campaignId)
      if (!first.done) api.resume(campaignId)
      return first
    },
    /** Continues a job in the background (after the first page, or after a restart). */
    resume(campaignId: string): void {
      if (stopped || running.has(campaignId)) return
      const job = run(campaignId).finally(() => running.delete(campaignId))
      running.set(campaignId, job)
    },
    resumeAll(): void {
      for (const id of jobIds.all()) api.resume(id)
    },
    progress(campaignId: string): QualifyProgress | null {
      const job = jobOf.get(campaignId)
      return job ? { qualified: job.qualified, expected: job.expected } : null
    },
    /** Cancelled while qualifying: no more contacts are qualified (those fixed so far stay). */
    cancel(campaignId: string): void {
      endJob.run(campaignId)
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
