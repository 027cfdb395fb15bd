import { chromium } from 'playwright-core'
import { AppError, ErrorCode } from '../../../shared/ipc/errors'
import { CHROMIUM_FIX, CHROMIUM_FLAGS } from '../../system/systemTools.mjs'
import { PRINTABLE_WIDTH_PX, type PdfPrinter, type PdfPrintJob } from '../../kernel/pdfPrinter'

/**
 * Headless mode's printer: the system Chromium driven by playwright-core, one browser per job.
 * Without a Chromium it answers `unavailable` with the fix, before anything starts.
 */
export function createChromiumPrinter(executablePath: string | null): PdfPrinter {
  return {
    async print(job: PdfPrintJob): Promise<Buffer> {
      if (!executablePath)
        throw new AppError(ErrorCode.unavailable, `PDF export needs Chromium: ${CHROMIUM_FIX}`)
      const browser = await chromium.launch({
        executablePath,
        headless: true,
        args: CHROMIUM_FLAGS
      })
      try {
        const page = await browser.newPage({
          viewport: { width: PRINTABLE_WIDTH_PX[job.paper], height: 1000 }
        })
        await page.goto(job.url)
        const found = await page.waitForSelector(`${job.readySelector}, ${job.errorSelector}`, {
          timeout: job.timeoutMs,
          // The ready marker is a hidden element: wait for it to exist, not to be visible.
          state: 'attached'
        })
        if (await found.evaluate((el, sel) => el.matches(sel), job.errorSelector))
          throw new Error(`The report page failed: ${(await found.textContent()) ?? 'unknown'}`)
        return await page.pdf({ format: job.paper, printBackground: true })
      } finally {
        await browser.close()
      }
    }
  }
}
