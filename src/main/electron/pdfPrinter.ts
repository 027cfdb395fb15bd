import { BrowserWindow, session } from 'electron'
import { PRINTABLE_WIDTH_PX, type PdfPrinter, type PdfPrintJob } from '../kernel/pdfPrinter'

/**
 * The desktop app's PDF printer: a hidden, sandboxed window in its own in-memory session that
 * may reach only the engine's one-time loopback print server, then `printToPDF`.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  return {
    async print(job: PdfPrintJob): Promise<Buffer> {
      const origin = new URL(job.url).origin
      const printSession = session.fromPartition(`tickboard-print-${Date.now()}`)
      printSession.setPermissionRequestHandler((_wc, _p, callback) => callback(false))
      printSession.webRequest.onBeforeRequest((details, callback) => {
        callback({ cancel: new URL(details.url).origin !== origin })
      })
      const window = new BrowserWindow({
        show: false,
        useContentSize: true,
        width: PRINTABLE_WIDTH_PX[job.paper],
        height: 1000,
        webPreferences: {
          session: printSession,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webviewTag: false,
          disableBlinkFeatures: 'Auxclick'
        }
      })
      try {
        await window.loadURL(job.url)
        await waitUntilReady(window, job)
        return await window.webContents.printToPDF({
          pageSize: job.paper,
          printBackground: true,
          preferCSSPageSize: true
        })
      } finally {
        window.destroy()
      }
    }
  }
}

async function waitUntilReady(window: BrowserWindow, job: PdfPrintJob): Promise<void> {
  const probe = `(() => {
    const failed = document.querySelector(${JSON.stringify(job.errorSelector)})
    if (failed) return 'error:' + failed.textContent
    return document.querySelector(${JSON.stringify(job.readySelector)}) ? 'ready' : ''
  })()`
  const deadline = Date.now() + job.timeoutMs
  while (Date.now() < deadline) {
    const state = (await window.webContents.executeJavaScript(probe)) as string
    if (state === 'ready') return
    if (state.startsWith('error:')) throw new Error(`The report page failed: ${state.slice(6)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`The report page was not ready within ${job.timeoutMs / 1000} s`)
}
