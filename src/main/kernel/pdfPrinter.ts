/**
 * The port through which the engine prints a page to PDF. Headless mode uses the system
 * Chromium (playwright-core); the desktop app injects one built on Electron's `printToPDF`.
 * Either way the page is our own renderer served on loopback, and the printer waits until the
 * page marks itself ready (data loaded, charts drawn) before printing.
 */
export interface PdfPrintJob {
  url: string
  paper: 'A4' | 'Letter'
  /** CSS selector that exists once the page is ready to print. */
  readySelector: string
  /** CSS selector that exists when the page failed; its text is the reason. */
  errorSelector: string
  timeoutMs: number
}

export interface PdfPrinter {
  print(job: PdfPrintJob): Promise<Buffer>
}

/**
 * Printable width at 96 dpi (paper width minus the report's 12 mm @page margins): printers lay
 * the page out at exactly the width it prints at, so charts are not resized while printing.
 */
export const PRINTABLE_WIDTH_PX = { A4: 703, Letter: 725 } as const
