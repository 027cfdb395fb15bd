import type { EngineContext } from '../engine/context'
import { clearStaleDownloads, prepareDownload } from '../reports/downloads'
import { exportReport } from '../reports/exportReport'
import { createReportScheduler } from '../reports/scheduler'
import { createScheduleRepo } from '../reports/scheduleRepo'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { DomainHandlers } from './types'

type Routes =
  | 'reports.export'
  | 'reports.prepareDownload'
  | 'reports.chooseSavePath'
  | 'reports.schedule'
  | 'reports.schedules'
  | 'reports.unschedule'

export function reportHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  clearStaleDownloads(ctx)
  const scheduler = createReportScheduler(ctx)
  scheduler.start()
  ctx.onClose(() => scheduler.stop())
  const names = createScheduleRepo(ctx.db)
  const approvedPaths = new Set<string>()
  return {
    'reports.export': (input) => {
      // In the desktop app a path must come from the save dialog, so a misbehaving page
      // cannot write files wherever it likes.
      if (ctx.config.transport === 'electron' && !approvedPaths.delete(input.path))
        throw new AppError(ErrorCode.invalidInput, 'Choose where to save with the save dialog')
      return exportReport(ctx, input)
    },
    'reports.prepareDownload': (input) =>
      prepareDownload(ctx, input, names.campaignName(input.campaignId) ?? input.campaignId),
    'reports.chooseSavePath': async (input) => {
      if (!ctx.config.saveDialog)
        throw new AppError(
          ErrorCode.unavailable,
          'No save dialog in headless mode: use reports.export with a path'
        )
      const path = await ctx.config.saveDialog(input.defaultName, input.format)
      if (path) approvedPaths.add(path)
      return { path }
    },
    'reports.schedule': (input) => scheduler.schedule(input),
    'reports.schedules': (input) => ({ schedules: scheduler.list(input.campaignId) }),
    'reports.unschedule': (input) => ({ removed: scheduler.unschedule(input.id) })
  }
}
