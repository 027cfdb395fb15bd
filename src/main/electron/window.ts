import { join } from 'node:path'
import { BrowserWindow, session, shell, type WebContents } from 'electron'
import { RENDERER_CSP } from '../http/csp'
import { shellEnvironment } from '../kernel/environment'
import { devCsp } from './devCsp'
import { appLocation, isAppUrl as isAppUrlAt, isSafeExternalUrl } from './urlPolicy'

const RENDERER_DIR = join(import.meta.dirname, '../renderer')
const RENDERER_URL = shellEnvironment().rendererUrl

/** True when a URL is the app's own page (dev server in development, the bundled file otherwise). */
export function isAppUrl(url: string): boolean {
  return isAppUrlAt(url, appLocation(RENDERER_URL, RENDERER_DIR))
}

/**
 * Navigation policy for every web contents (also any created later): stay on the app's pages,
 * send checked https links to the system browser, never open a new Electron window.
 */
export function limitNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return
    event.preventDefault()
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** The main window; `packaged` turns the developer tools off entirely. */
export function createMainWindow(packaged: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Tickboard',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: !packaged
    }
  })
  window.once('ready-to-show', () => window.show())
  // Navigation limits are applied to every web contents in index.ts ('web-contents-created').
  if (RENDERER_URL) void window.loadURL(RENDERER_URL)
  else void window.loadFile(join(RENDERER_DIR, 'index.html'))
  return window
}

/**
 * What the default session may load: the app's own pages and files (a `file:` URL only under the
 * bundled renderer folder, or the dev server), inline `data:`/`blob:` images, and in development
 * the dev server's hot-reload socket and the developer tools' own pages.
 */
function isLocalResource(url: string): boolean {
  if (/^(data|blob):/i.test(url)) return true
  if (RENDERER_URL) {
    if (/^(devtools|chrome-extension):/i.test(url)) return true
    return isAppUrl(url.replace(/^ws(s?):/i, 'http$1:'))
  }
  return isAppUrl(url)
}

/** The header CSP: strict; under `npm run dev` plus exactly what the dev server needs. */
function windowCsp(): string {
  const dev = RENDERER_URL
  return dev ? devCsp(RENDERER_CSP, dev) : RENDERER_CSP
}

/** Session-wide policy: a strict CSP header and no permission (camera, notifications, …) granted. */
export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false)
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  // No remote content: the page may only load its own files (and the dev server in development).
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalResource(details.url) })
  })
  const csp = windowCsp()
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] }
    })
  })
}
