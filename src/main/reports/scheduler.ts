import { join } from 'node:path'
import type { Role } from '../../shared/domain/roles'
import type { ReportSchedule } from '../../shared/ipc/routes/reports'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ScheduleRepo, NewSchedule } from '../db/repos/scheduleRepo'
import { exportReport } from './exportReport'
import { exportFolderPath } from './exportPlaces'
import { exportFileName } from './fileNames'
import type { ReportContext } from './sources'

const DAY_MS = 24 * 3600_000
export const PERIOD_MS = { daily: DAY_MS, weekly: 7 * DAY_MS } as const

export interface SchedulerOptions {
  /** How often the timer looks for due schedules. */
  tickMs: number
}

/** The next run strictly after `now`, on the schedule's own cadence (no drift, no catch-up burst). */
export function nextRunAfter(
  previous: number,
  every: ReportSchedule['every'],
  now: number
): number {
  const period = PERIOD_MS[every]
  const periods = Math.max(1, Math.floor((now - previous) / period) + 1)
  return previous + periods * period
}

/**
 * Scheduled reports: each due schedule exports its campaign's summary and recipients CSV and/or
 * the PDF into its folder, named by campaign and date, then moves to its next run. Runs one
 * schedule at a time; a failure is recorded on the schedule and retried at the next run.
 */
export function createReportScheduler(
  report: ReportContext,
  repo: ScheduleRepo,
  options: SchedulerOptions
) {
  const { log, clock } = report.kernel
  const now = (): number => clock.now()
  let running: Promise<number> | null = null
  let timer: NodeJS.Timeout | null = null

  async function runOne(s: ReportSchedule, at: number): Promise<void> {
    const name = repo.campaignName(s.campaignId) ?? s.campaignId
    const date = new Date(at).toISOString().slice(0, 10)
    const jobs: { format: 'csv' | 'pdf'; kind?: 'summary' | 'recipients' }[] = []
    if (s.formats.includes('csv'))
      jobs.push({ format: 'csv', kind: 'summary' }, { format: 'csv', kind: 'recipients' })
    if (s.formats.includes('pdf')) jobs.push({ format: 'pdf' })
    // Checked again at each run: a folder inside the exports folder may have become a link out.
    const folder = exportFolderPath(report.kernel, s.folder)
    for (const job of jobs) {
      const path = join(folder, exportFileName(name, job.format, job.kind, date))
      await exportReport(report, { campaignId: s.campaignId, ...job, paper: s.paper, path })
    }
  }

  async function runAll(): Promise<number> {
    let ran = 0
    for (const s of repo.due(now())) {
      const at = now()
      let error: string | null = null
      try {
        await runOne(s, at)
      } catch (err) {
        error = (err as Error).message
        log(`scheduled report ${s.id} failed`, err)
      }
      repo.finish(s.id, at, nextRunAfter(s.nextRunAt, s.every, at), error)
      ran++
    }
    return ran
  }

  /** Runs every schedule due at this moment (joining a run in progress); returns how many ran. */
  function runDue(): Promise<number> {
    running ??= runAll().finally(() => {
      running = null
    })
    return running
  }

  return {
    runDue,
    /** `role`: the caller's (a folder outside --exports-dir is an admin's only). */
    schedule(input: NewSchedule, role: Role): ReportSchedule {
      const folder = exportFolderPath(report.kernel, input.folder, role)
      if (repo.campaignName(input.campaignId) === undefined)
        throw new AppError(ErrorCode.notFound, `No campaign ${input.campaignId}`)
      const formats = [...new Set(input.formats)]
      return repo.create({ ...input, folder, formats }, now())
    },
    list: (campaignId?: string) => repo.list(campaignId),
    unschedule: (id: string) => repo.remove(id),
    start(): void {
      // runAll reads and writes the schedule table outside its per-report try: a rejection here
      // would be unhandled and crash `serve`.
      timer ??= setInterval(
        () => void runDue().catch((err: unknown) => log('scheduled reports failed', err)),
        options.tickMs
      )
      timer.unref()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = null
      await running
    }
  }
}
export type ReportScheduler = ReturnType<typeof createReportScheduler>
