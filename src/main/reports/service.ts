import { existsSync } from 'node:fs'
import type { ParsedInput } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ScheduleRepo } from '../db/repos/scheduleRepo'
import type { Kernel } from '../kernel/kernel'
import { createDownloads } from './downloads'
import { exportReport } from './exportReport'
import { exportFilePath } from './exportPlaces'
import { createReportScheduler } from './scheduler'
import type { ReportSources } from './sources'

export interface ReportDeps {
  sources: ReportSources
  schedules: ScheduleRepo
}

/**
 * Exports on demand, browser downloads and scheduled reports. `start` clears downloads a previous
 * run left behind and starts the schedule timer; `stop` waits for a scheduled export in progress
 * and deletes downloads nobody fetched.
 */
export function createReportService(kernel: Kernel, { sources, schedules }: ReportDeps) {
  const report = { kernel, sources }
  const scheduler = createReportScheduler(report, schedules, {
    tickMs: kernel.config.settings.reportTickMs
  })
  const downloads = createDownloads(kernel.config.dataDir, (request) =>
    exportReport(report, request)
  )
  /** Paths the desktop save dialog answered, each good for one export. */
  const approvedPaths = new Set<string>()
  return {
    export(input: ParsedInput<'reports.export'>) {
      // In the desktop app a path must come from the save dialog, so a misbehaving page
      // cannot write files wherever it likes.
      if (kernel.config.transport === 'electron' && !approvedPaths.delete(input.path))
        throw new AppError(ErrorCode.invalidInput, 'Choose where to save with the save dialog')
      return exportReport(report, { ...input, path: exportFilePath(kernel, input.path) })
    },
    prepareDownload: (input: ParsedInput<'reports.prepareDownload'>) =>
      downloads.prepare(input, schedules.campaignName(input.campaignId) ?? input.campaignId),
    /** `GET /api/download/<token>` of the headless API server. */
    serveDownload: downloads.serve,
    async chooseSavePath(defaultName: string, format: 'csv' | 'pdf') {
      if (!kernel.config.saveDialog)
        throw new AppError(
          ErrorCode.unavailable,
          'No save dialog in headless mode: use reports.export with a path'
        )
      const path = await kernel.config.saveDialog(defaultName, format)
      if (path) approvedPaths.add(path)
      // The dialog itself asks "replace?" for an existing file (showOverwriteConfirmation).
      return { path, replaces: path !== null && existsSync(path) }
    },
    schedule: scheduler.schedule,
    schedules: (campaignId?: string) => ({ schedules: scheduler.list(campaignId) }),
    unschedule: (id: string) => ({ removed: scheduler.unschedule(id) }),
    /** Runs the schedules due now (the timer does this every `reportTickMs`). */
    runDue: scheduler.runDue,
    start(): void {
      downloads.clearStale()
      scheduler.start()
    },
    async stop(): Promise<void> {
      await scheduler.stop()
      downloads.discardAll()
    }
  }
}
export type ReportService = ReturnType<typeof createReportService>
