import type { ParsedInput } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { EngineContext } from '../engine/context'
import { clearStaleDownloads, discardDownloads, prepareDownload } from './downloads'
import { exportReport } from './exportReport'
import { createReportScheduler } from './scheduler'
import { createScheduleRepo } from './scheduleRepo'

/**
 * Exports on demand, browser downloads and scheduled reports. `start` clears downloads a previous
 * run left behind and starts the schedule timer; `stop` waits for a scheduled export in progress
 * and deletes downloads nobody fetched.
 */
export function createReportService(ctx: EngineContext) {
  const scheduler = createReportScheduler(ctx)
  const names = createScheduleRepo(ctx.db)
  /** Paths the desktop save dialog answered, each good for one export. */
  const approvedPaths = new Set<string>()
  return {
    export(input: ParsedInput<'reports.export'>) {
      // In the desktop app a path must come from the save dialog, so a misbehaving page
      // cannot write files wherever it likes.
      if (ctx.config.transport === 'electron' && !approvedPaths.delete(input.path))
        throw new AppError(ErrorCode.invalidInput, 'Choose where to save with the save dialog')
      return exportReport(ctx, input)
    },
    prepareDownload: (input: ParsedInput<'reports.prepareDownload'>) =>
      prepareDownload(ctx, input, names.campaignName(input.campaignId) ?? input.campaignId),
    async chooseSavePath(defaultName: string, format: 'csv' | 'pdf') {
      if (!ctx.config.saveDialog)
        throw new AppError(
          ErrorCode.unavailable,
          'No save dialog in headless mode: use reports.export with a path'
        )
      const path = await ctx.config.saveDialog(defaultName, format)
      if (path) approvedPaths.add(path)
      return { path }
    },
    schedule: scheduler.schedule,
    schedules: (campaignId?: string) => ({ schedules: scheduler.list(campaignId) }),
    unschedule: (id: string) => ({ removed: scheduler.unschedule(id) }),
    start(): void {
      clearStaleDownloads(ctx)
      scheduler.start()
    },
    async stop(): Promise<void> {
      await scheduler.stop()
      discardDownloads(ctx)
    }
  }
}
export type ReportService = ReturnType<typeof createReportService>
