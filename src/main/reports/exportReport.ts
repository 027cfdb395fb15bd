import { statSync } from 'node:fs'
import { dirname, isAbsolute } from 'node:path'
import type { ParsedInput } from '../../shared/ipc/contract'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { ReportContext } from './sources'
import { exportRecipientsCsv } from './recipientsCsv'
import { exportErrorsCsv, exportSummaryCsv, exportTrendCsv } from './statsCsv'
import { exportPdf } from './pdf/exportPdf'
import { checkNotReplacing, type FileTarget } from '../db/placeFile'

export type ExportRequest = ParsedInput<'reports.export'>

/**
 * Checks the target before any work: absolute, in an existing folder, not a folder, and not an
 * existing file unless the call said `overwrite` (409 conflict).
 */
export function checkExportPath(target: FileTarget): void {
  const { path } = target
  if (!isAbsolute(path))
    throw new AppError(ErrorCode.invalidInput, `Export path must be absolute, got ${path}`)
  const folder = dirname(path)
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError(ErrorCode.invalidInput, `Folder ${folder} does not exist`)
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError(ErrorCode.invalidInput, `${path} is a folder; give a file name`)
  checkNotReplacing(target)
}

export function checkTimezone(timezone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone })
    return timezone
  } catch {
    throw new AppError(ErrorCode.invalidInput, `Unknown time zone ${timezone}`)
  }
}

export function localTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** `reports.export`: one file per call; CSV kinds default to the summary. */
export async function exportReport(
  report: ReportContext,
  input: ExportRequest
): Promise<{ path: string; bytes: number }> {
  const target = { path: input.path, overwrite: input.overwrite ?? false }
  checkExportPath(target)
  const { campaignId } = input
  if (input.format === 'pdf') return exportPdf(report, campaignId, target, input.paper ?? 'A4')
  const timezone = checkTimezone(input.timezone ?? localTimezone())
  let written: { path: string; bytes: number }
  switch (input.kind ?? 'summary') {
    case 'summary':
      written = await exportSummaryCsv(report.sources, campaignId, target)
      break
    case 'recipients':
      written = await exportRecipientsCsv(report, campaignId, target)
      break
    case 'recipients_reimport':
      written = await exportRecipientsCsv(report, campaignId, target, { plainPhones: true })
      break
    case 'trend':
      written = await exportTrendCsv(
        report.sources,
        campaignId,
        target,
        input.granularity ?? 'day',
        timezone
      )
      break
    case 'errors':
      written = await exportErrorsCsv(report.sources, campaignId, target)
      break
  }
  return { path: written.path, bytes: written.bytes }
}
