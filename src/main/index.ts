import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, type UtilityProcess } from 'electron'
import { startRemoteEngine } from './bridge/remoteEngine'
import { createTeamClient, type LocalEngine, type TeamClient } from './bridge/teamClient'
import { createSaveDialog } from './electron/dialogs'
import { createHostServices } from './electron/hostServices'
import { createKeychain } from './electron/keychain'
import { registerIpc } from './electron/ipc'
import { installMenu } from './electron/menu'
import { forkUtilityEngine } from './electron/utilityEngine'
import { createMainWindow, hardenSession, limitNavigation } from './electron/window'
import { followKeepAwake } from './electron/keepAwake'
import { createTray, trayIconPath } from './electron/tray'

/**
 * Electron composition root. The main process keeps the window, dialogs, the keychain and IPC;
 * the engine (SQLite, dispatch, callback server, tunnel, reports) runs in a utilityProcess, so
 * audience-sized work never freezes the window. The contract crosses a MessagePort unchanged.
 */
let engine: TeamClient | null = null
let engineProcess: UtilityProcess | null = null
let window: BrowserWindow | null = null
let quitting = false
let tray: ReturnType<typeof createTray> | null = null

/** Shows the window, creating it again when it was closed (the engine kept running). */
function openWindow(): void {
  if (window) {
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
    return
  }
  window = createMainWindow(app.isPackaged)
  // Closing the window hides it: the engine keeps sending and receiving reports in the tray.
  window.on('close', (event) => {
    if (quitting) return
    event.preventDefault()
    window?.hide()
  })
  window.on('closed', () => (window = null))
}

function nativeBinding(): string {
  // The utility process runs Electron's Node ABI. Packaged: the copy shipped in resources/native
  // (electron-builder `extraResources`); development: build/native/electron, so node_modules
  // stays built for Node (tests, serve).
  const file = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(app.getAppPath(), 'build/native/electron/better_sqlite3.node')
  if (!existsSync(file))
    throw new Error(`better-sqlite3 for Electron is missing at ${file}: run \`npm run dev\``)
  return file
}

/** The engine on this computer, in a utility process; not started while on a team server. */
async function startLocal(): Promise<LocalEngine> {
  const { link, child } = forkUtilityEngine(join(import.meta.dirname, 'engine.js'))
  engineProcess = child
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const local = await startRemoteEngine(
    link,
    {
      dataDir: join(app.getPath('userData'), 'data'),
      publicUrl: null,
      seedDemo: true,
      hooksPort: 0,
      rendererDir: join(import.meta.dirname, '../renderer'),
      nativeBinding: nativeBinding()
    },
    createHostServices(() => window)
  )
  let closing = false
  local.onGone(() => {
    if (quitting || closing) return
    dialog.showErrorBox('Tickboard stopped', 'The engine process ended unexpectedly.')
    app.exit(1)
  })
  // The engine decides when the computer must stay awake; the shell only follows.
  const unfollow = followKeepAwake(local, (state) => tray?.status(state.reason))
  return {
    invoke: local.invoke,
    subscribe: local.subscribe,
    async close() {
      closing = true
      unfollow()
      await local.close()
      // Switching to a team server: the local engine is gone before the window talks to it.
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), 5000)))
      if ((await Promise.race([exited, late])) === 'late') child.kill()
      clearTimeout(timer)
    }
  }
}

async function start(): Promise<void> {
  hardenSession()
  installMenu(app.isPackaged)
  tray = createTray(
    { open: openWindow, quit: () => app.quit() },
    trayIconPath(app.getAppPath(), app.isPackaged, process.resourcesPath)
  )
  // The local engine, or a team server the operator connected to in Settings (issue #22).
  const team = createTeamClient({
    file: join(app.getPath('userData'), 'team-server.json'),
    keychain: createKeychain(),
    startLocal,
    saveDialog: createSaveDialog(() => window),
    switched: () => window?.webContents.reload()
  })
  await team.start()
  engine = team
  registerIpc(team.api, () => window)
  openWindow()
}

// Every renderer is sandboxed, whatever a window's options say (must run before 'ready').
app.enableSandbox()
if (!app.requestSingleInstanceLock()) {
  // Another Tickboard owns the data folder: it focuses its window (below) and this one leaves.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (engine) openWindow()
  })
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    limitNavigation(contents)
  })
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      quitting = true
      engineProcess?.kill()
      dialog.showErrorBox('Tickboard cannot start', (err as Error).message)
      app.exit(1)
    })
  // The window hides instead of closing (tray): only Quit ends the app and its engine.
  app.on('window-all-closed', () => {
    if (quitting) app.quit()
  })
  app.on('before-quit', (event) => {
    quitting = true
    tray?.destroy()
    tray = null
    if (!engine) return
    event.preventDefault()
    const closing = engine
    engine = null
    void closing.close().finally(() => app.quit())
  })
}
