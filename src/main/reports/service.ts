import { existsSync } from 'node:fs'
import type { ParsedInput } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ScheduleRepo } from '../db/repos/scheduleRepo'
import type { Role } from '../../shared/domain/roles'
import type { Kernel } from '../kernel/kernel'
import { createDownloads } from './downloads'
import { checkExportPath, exportReport } from './exportReport'
import { exportFilePath } from './exportPlaces'
import { createReportScheduler } from './scheduler'
import type { ReportSources } from './sources'
import { exportAuditCsv, type AuditChunks } from './auditCsv'

export interface ReportDeps {
  sources: ReportSources
  schedules: ScheduleRepo
  /** The audit log, oldest first in chunks (its CSV export). */
  auditChunks: AuditChunks
}

/**
 * Exports on demand, browser downloads and scheduled reports. `start` clears downloads a previous
 * run left behind and starts the schedule timer; `stop` waits for a scheduled export in progress
 * and deletes downloads nobody fetched.
 */
export function createReportService(
  kernel: Kernel,
  { sources, schedules, auditChunks }: ReportDeps
) {
  const report = { kernel, sources }
  const scheduler = createReportScheduler(report, schedules, {
    tickMs: kernel.config.settings.reportTickMs
  })
  const downloads = createDownloads(kernel.config.dataDir, (request) =>
    exportReport(report, request)
  )
  /** Paths the desktop save dialog answered, each good for one export. */
  const approvedPaths = new Set<string>()
  /** Where an export asked for `requested` by a `role` may write (exportPlaces' rules). */
  function exportPath(requested: string, role: Role): string {
    // In the desktop app a path must come from the save dialog, so a misbehaving page
    // cannot write files wherever it likes.
    if (kernel.config.transport === 'electron' && !approvedPaths.delete(requested))
      throw new AppError(ErrorCode.invalidInput, 'Choose where to save with the save dialog')
    return exportFilePath(kernel, requested, role)
  }
  return {
    export: (input: ParsedInput<'reports.export'>, role: Role) =>
      exportReport(report, { ...input, path: exportPath(input.path, role) }),
    prepareDownload: (input: ParsedInput<'reports.prepareDownload'>, owner: string) =>
      downloads.prepare(input, schedules.campaignName(input.campaignId) ?? input.campaignId, owner),
    /** `GET /api/download/<token>` of the headless API server. */
    serveDownload: downloads.serve,
    /** `audit.export`: the audit log's CSV, under the rules of every export (exportPlaces). */
    exportAudit(input: ParsedInput<'audit.export'>) {
      const target = { path: exportPath(input.path, 'admin'), overwrite: input.overwrite ?? false }
      checkExportPath(target)
      return exportAuditCsv(auditChunks, target)
    },
    prepareAuditDownload: (owner: string) =>
      downloads.prepareFile(owner, auditFileName(kernel.clock.now()), 'csv', (path) =>
        exportAuditCsv(auditChunks, { path, overwrite: false })
      ),
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
function auditFileName(now: number): string {
  return `tickboard-audit-${new Date(now).toISOString().slice(0, 10)}.csv`
}

export type ReportService = ReturnType<typeof createReportService>
