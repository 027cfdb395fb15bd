import { join } from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'

/** The native save dialog for exports, opened over the main window; null when cancelled. */
export function createSaveDialog(getWindow: () => BrowserWindow | null) {
  return async (defaultName: string, format: 'csv' | 'pdf'): Promise<string | null> => {
    const options = {
      title: format === 'pdf' ? 'Save the PDF report' : 'Save the CSV export',
      defaultPath: join(app.getPath('documents'), defaultName),
      // Asks "replace?" for an existing file (Linux needs it said; macOS and Windows always ask):
      // the export then passes overwrite, as the operator confirmed.
      properties: ['showOverwriteConfirmation' as const],
      filters: [
        format === 'pdf'
          ? { name: 'PDF report', extensions: ['pdf'] }
          : { name: 'CSV (UTF-8)', extensions: ['csv'] }
      ]
    }
    const window = getWindow()
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  }
}
