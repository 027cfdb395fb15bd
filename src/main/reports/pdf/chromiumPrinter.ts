import { chromium } from 'playwright-core'
import { PRINTABLE_WIDTH_PX, type PdfPrinter, type PdfPrintJob } from './printer'

/** Flags that let the system Chromium run headless on servers, without network chatter. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** Headless mode's printer: the system Chromium driven by playwright-core, one browser per job. */
export function createChromiumPrinter(
  executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
): PdfPrinter {
  return {
    async print(job: PdfPrintJob): Promise<Buffer> {
      const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS })
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
