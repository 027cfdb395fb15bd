import type { PdfPrintJob } from '../kernel/pdfPrinter'
import type { Methods, Peer } from './peer'

/**
 * What the engine process asks of the main process, which alone may use Electron's keychain,
 * windows and dialogs. Each is a request from the engine over the same port as the contract;
 * the main process answers it. One table of names serves both sides.
 */
export interface HostServices {
  /** Whether the OS keychain can seal secrets (false: no keyring daemon, or a plain-text backend). */
  keychain(): Promise<{ available: boolean; backend: string }>
  /** Seals the engine's credentials key with the OS keychain; null when it is not available. */
  sealKey(plain: string): Promise<Uint8Array | null>
  /** Opens a key sealed by `sealKey`; null when the keychain is not available now. */
  openKey(sealed: Uint8Array): Promise<string | null>
  /** The native save dialog over the main window; null when cancelled. */
  saveDialog(defaultName: string, format: 'csv' | 'pdf'): Promise<string | null>
  /** Prints one of the engine's loopback report pages to PDF (Electron `printToPDF`). */
  printPdf(job: PdfPrintJob): Promise<Uint8Array>
  /** Start at login: reads it, or sets it when given a value (`app.setLoginItemSettings`). */
  loginItem(openAtLogin?: boolean): Promise<{ supported: boolean; openAtLogin: boolean }>
}

const HOST = {
  keychain: 'host.keychain',
  sealKey: 'host.sealKey',
  openKey: 'host.openKey',
  saveDialog: 'host.saveDialog',
  printPdf: 'host.printPdf',
  loginItem: 'host.loginItem'
} as const

/** The main process's method table: each request is answered by the real service. */
export function hostMethods(services: HostServices): Methods {
  return {
    [HOST.keychain]: () => services.keychain(),
    [HOST.sealKey]: (plain: string) => services.sealKey(plain),
    [HOST.openKey]: (sealed: Uint8Array) => services.openKey(sealed),
    [HOST.saveDialog]: (p: { defaultName: string; format: 'csv' | 'pdf' }) =>
      services.saveDialog(p.defaultName, p.format),
    [HOST.printPdf]: (job: PdfPrintJob) => services.printPdf(job),
    [HOST.loginItem]: (p: { openAtLogin?: boolean }) => services.loginItem(p.openAtLogin)
  }
}

/** The engine process's view of the same services: each call is a request to the main process. */
export function hostClient(peer: Peer): HostServices {
  return {
    keychain: () => peer.request(HOST.keychain),
    sealKey: (plain) => peer.request(HOST.sealKey, plain),
    openKey: (sealed) => peer.request(HOST.openKey, sealed),
    saveDialog: (defaultName, format) => peer.request(HOST.saveDialog, { defaultName, format }),
    printPdf: (job) => peer.request(HOST.printPdf, job),
    loginItem: (openAtLogin) => peer.request(HOST.loginItem, { openAtLogin })
  }
}
