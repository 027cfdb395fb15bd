import type { BrowserWindow } from 'electron'
import type { HostServices } from '../bridge/hostApi'
import { createSaveDialog } from './dialogs'
import { createKeychain } from './keychain'
import { loginItem } from './loginItem'
import { createElectronPdfPrinter } from './pdfPrinter'

/**
 * The main process's answers to the engine's requests: keychain, save dialog, printToPDF, start
 * at login.
 */
export function createHostServices(getWindow: () => BrowserWindow | null): HostServices {
  const printer = createElectronPdfPrinter()
  return {
    ...createKeychain(),
    saveDialog: createSaveDialog(getWindow),
    printPdf: (job) => printer.print(job),
    loginItem
  }
}
