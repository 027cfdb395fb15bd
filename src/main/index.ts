import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { createEngine, type Engine } from './engine/createEngine'
import { createSaveDialog } from './electron/dialogs'
import { registerIpc } from './electron/ipc'
import { createElectronPdfPrinter } from './electron/pdfPrinter'
import { createSafeStorageBox } from './electron/safeStorageBox'
import { createMainWindow, hardenSession, limitNavigation } from './electron/window'

/** Electron composition root: the engine in the OS user-data folder, one window, one IPC channel. */
let engine: Engine | null = null
let window: BrowserWindow | null = null

function nativeBinding(): string | undefined {
  // Development keeps node_modules built for Node (tests); a separate Electron-ABI copy is used here.
  if (app.isPackaged) return undefined
  const file = join(app.getAppPath(), 'build/native/electron/better_sqlite3.node')
  return existsSync(file) ? file : undefined
}

async function start(): Promise<void> {
  hardenSession()
  engine = await createEngine({
    dataDir: join(app.getPath('userData'), 'data'),
    transport: 'electron',
    publicUrl: null,
    seedDemo: true,
    hooksPort: 0,
    secrets: () => createSafeStorageBox(),
    nativeBinding: nativeBinding(),
    rendererDir: join(import.meta.dirname, '../renderer'),
    pdfPrinter: createElectronPdfPrinter(),
    saveDialog: createSaveDialog(() => window)
  })
  registerIpc(engine, () => window)
  window = createMainWindow()
  window.on('closed', () => (window = null))
}

// Every renderer is sandboxed, whatever a window's options say (must run before 'ready').
app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()
app.on('second-instance', () => window?.focus())
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
  limitNavigation(contents)
})
app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    dialog.showErrorBox('Tickboard cannot start', (err as Error).message)
    app.exit(1)
  })
app.on('window-all-closed', () => app.quit())
app.on('before-quit', (event) => {
  if (!engine) return
  event.preventDefault()
  const closing = engine
  engine = null
  void closing.close().finally(() => app.quit())
})
