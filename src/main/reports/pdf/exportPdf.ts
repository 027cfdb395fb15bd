import { randomBytes } from 'node:crypto'
import { rm, stat, writeFile } from 'node:fs/promises'
import { placeFile, type FileTarget } from '../../db/placeFile'
import { AppError, ErrorCode } from '../../../shared/ipc/errors'
import type { ReportContext } from '../sources'
import { startPrintServer } from './printServer'

export const REPORT_READY = '[data-testid="report-ready"]'
export const REPORT_ERROR = '[data-testid="report-error"]'

/** Prints the campaign's report page to `path` (written whole, then renamed into place). */
export async function exportPdf(
  { kernel, sources }: ReportContext,
  campaignId: string,
  target: FileTarget,
  paper: 'A4' | 'Letter'
): Promise<{ path: string; bytes: number }> {
  // Fails fast with not_found before a browser starts.
  await sources.summary(campaignId)
  // Loaded on demand: the desktop app injects its own printer and never needs playwright.
  const printer =
    kernel.config.pdfPrinter ??
    (await import('./chromiumPrinter')).createChromiumPrinter(kernel.config.settings.chromiumPath)
  const server = await startPrintServer(kernel, sources.printRoute)
  let pdf: Buffer
  try {
    pdf = await printer.print({
      url: server.pageUrl(campaignId, paper),
      paper,
      readySelector: REPORT_READY,
      errorSelector: REPORT_ERROR,
      timeoutMs: 45_000
    })
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError(ErrorCode.internal, `Printing the PDF failed: ${(err as Error).message}`)
  } finally {
    await server.close()
  }
  const { path } = target
  const partial = `${path}.${randomBytes(4).toString('hex')}.part`
  try {
    await writeFile(partial, pdf, { flag: 'wx' })
    await placeFile(partial, target)
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  }
  return { path, bytes: (await stat(path)).size }
}
