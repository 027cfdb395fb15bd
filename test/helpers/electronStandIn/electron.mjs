// A recording stand-in for the `electron` module, for the start-up smoke test of the built shell
// (test/security/shellStartup.test.ts). It records every call the shell makes as one JSON line in
// $STANDIN_LOG, forks a real Node child for utilityProcess.fork (with utilityChild.mjs giving it a
// parentPort), and plays a short session: one contract call through the registered IPC handler,
// the request filter and CSP the session installed, then the window closes and the app quits.
// It proves no Electron behaviour; it catches a shell that throws or misorders its start-up.
import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { exportSummaryThroughSaveDialog, teamSession } from './teamSession.mjs'

const env = process.env
const record = (what, detail = {}) =>
  appendFileSync(env.STANDIN_LOG, `${JSON.stringify({ what, ...detail })}\n`)
const children = []
let ready = false
let invokeHandler = null
const session = { beforeRequest: null, headers: null }

if (env.STANDIN_PACKAGED === '1') process.resourcesPath = env.STANDIN_RESOURCES
// Login items exist on macOS and Windows only: a test can ask for one of those.
if (env.STANDIN_PLATFORM)
  Object.defineProperty(process, 'platform', { value: env.STANDIN_PLATFORM })

class App extends EventEmitter {
  isPackaged = env.STANDIN_PACKAGED === '1'
  #ready = new Promise((resolve) =>
    setImmediate(() => {
      ready = true
      record('app.ready')
      resolve()
      this.emit('ready')
    })
  )
  enableSandbox() {
    record('app.enableSandbox', { ready })
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock', { ready })
    return env.STANDIN_LOCK !== 'taken'
  }
  whenReady() {
    return this.#ready
  }
  getPath(name) {
    return join(env.STANDIN_HOME, name)
  }
  getAppPath() {
    return env.STANDIN_APP_PATH
  }
  #openAtLogin = false
  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', { settings })
    this.#openAtLogin = !!settings.openAtLogin
  }
  getLoginItemSettings() {
    record('app.getLoginItemSettings')
    return { openAtLogin: this.#openAtLogin }
  }
  quit() {
    record('app.quit')
    setImmediate(() => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) }
      this.emit('before-quit', event)
      if (event.prevented) return record('before-quit.prevented')
      void finish(0)
    })
  }
  exit(code) {
    record('app.exit', { code })
    void finish(code)
  }
}
export const app = new App()

/** Records how each utility child ended (SIGKILL after 10 s), then ends this process. */
async function finish(code) {
  for (const child of children) {
    const ended =
      child.exitCode !== null || child.signalCode !== null
        ? { code: child.exitCode, signal: child.signalCode }
        : await new Promise((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
            child.once('exit', (c, signal) => {
              clearTimeout(timer)
              resolve({ code: c, signal })
            })
          })
    record('utility.ended', ended)
  }
  record('process.exit', { code })
  process.exit(code)
}

/** Connection states the shell sent the window (team.connection), for the team sessions. */
const teamStates = []
class WebContents extends EventEmitter {
  mainFrame = { url: '' }
  setWindowOpenHandler() {
    record('webContents.setWindowOpenHandler')
  }
  send(channel, name, payload) {
    if (name === 'team.connection') teamStates.push(payload)
    record('webContents.send', { channel, name, ...(name.startsWith('team.') ? { payload } : {}) })
  }
  reload() {
    record('webContents.reload')
  }
}

export class BrowserWindow extends EventEmitter {
  #destroyed = false
  constructor(options) {
    super()
    record('BrowserWindow', { options, ready })
    this.webContents = new WebContents()
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadFile(file) {
    record('window.loadFile', { file })
    this.webContents.mainFrame.url = pathToFileURL(file).href
    setImmediate(() => {
      this.emit('ready-to-show')
      void playSession(this)
    })
    return Promise.resolve()
  }
  loadURL(url) {
    record('window.loadURL', { url })
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  show() {
    record('window.show')
  }
  hide() {
    record('window.hide')
  }
  focus() {}
  isMinimized() {
    return false
  }
  restore() {}
  isDestroyed() {
    return this.#destroyed
  }
  destroy() {
    this.#destroyed = true
  }
}

/** The operator's short session: one call, one import (events), then closing the window. */
async function playSession(window) {
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
  if (env.STANDIN_TEAM) {
    const invoke = (route, input) => invokeHandler(event, route, input)
    await teamSession(env.STANDIN_TEAM, { invoke, record, lastTeamState: () => teamStates.at(-1) })
    return closeAndQuit(window)
  }
  const info = await invokeHandler(event, 'system.info', {})
  record('invoke.system.info', { result: info })
  const imported = await invokeHandler(event, 'contacts.import', {
    csv: 'phone,name\n+919812345678,Asha\n',
    defaultCountry: 'IN'
  })
  record('invoke.contacts.import', { result: imported })
  if (env.STANDIN_SAVE_PATH) await exportThroughSaveDialog(event)
  const stranger = { sender: {}, senderFrame: { url: 'https://evil.test/' } }
  record('invoke.stranger', { result: await invokeHandler(stranger, 'system.info', {}) })
  const filter = (url) =>
    new Promise((resolve) => session.beforeRequest({ url }, (r) => resolve(!r.cancel)))
  record('session.allows', {
    appFile: await filter(window.webContents.mainFrame.url),
    otherFile: await filter('file:///etc/passwd'),
    remote: await filter('https://example.com/x.js'),
    data: await filter('data:image/png;base64,AAAA')
  })
  session.headers({ responseHeaders: {} }, ({ responseHeaders }) =>
    record('session.csp', { csp: responseHeaders['Content-Security-Policy'][0] })
  )
  await keepAwakeSession(event)
  const login = await invokeHandler(event, 'system.setLoginItem', { openAtLogin: true })
  record('invoke.system.setLoginItem', { result: login })
  closeAndQuit(window)
}

function closeAndQuit(window) {
  // Closing the window: the shell may keep the engine running (tray) or let the app quit.
  const close = { prevented: false, preventDefault: () => (close.prevented = true) }
  window.emit('close', close)
  record('window.close', { prevented: close.prevented })
  if (!close.prevented) {
    window.destroy()
    window.emit('closed')
    app.emit('window-all-closed')
    return
  }
  // Still running in the tray: its menu's Quit ends the app.
  const quit = trays.at(-1)?.menu?.template.find((item) => /quit/i.test(item.label ?? ''))
  record('tray.quit', { found: !!quit })
  quit?.click()
}

/**
 * A campaign sends through the Sandbox: the engine says keep awake and the shell holds a
 * blocker; once it ended and its reports arrived, the blocker is released.
 */
async function keepAwakeSession(event) {
  if (env.STANDIN_SEND !== '1') return
  const created = await invokeHandler(event, 'campaigns.create', {
    name: 'Keep awake',
    providerId: (await invokeHandler(event, 'providers.list', {})).data.providers[0].id,
    template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'From Pune'] },
    audience: { all: true },
    controlGroupPercent: 0,
    conversion: null,
    limit: 3,
    // One a second, so it sends for about two seconds: the engine decides at most once a second
    // after an event, and a campaign over (reports in) before that needs no blocker at all.
    ratePerSecond: 1,
    scheduleAt: null
  })
  record('invoke.campaigns.create', { result: created })
  const launched = await invokeHandler(event, 'campaigns.launch', {
    id: created.data?.id,
    overrideReadiness: true
  })
  record('invoke.campaigns.launch', { result: launched })
  await blockers.started
  await blockers.stopped
}

const blockers = { active: new Set(), next: 1 }
blockers.started = new Promise((resolve) => (blockers.onStart = resolve))
blockers.stopped = new Promise((resolve) => (blockers.onStop = resolve))
export const powerSaveBlocker = {
  start(type) {
    const id = blockers.next++
    blockers.active.add(id)
    record('powerSaveBlocker.start', { type, id })
    blockers.onStart()
    return id
  },
  stop(id) {
    record('powerSaveBlocker.stop', { id, active: blockers.active.delete(id) })
    if (blockers.active.size === 0) blockers.onStop()
  },
  isStarted: (id) => blockers.active.has(id)
}

const trays = []
export class Tray extends EventEmitter {
  menu = null
  constructor(image) {
    super()
    record('Tray', { image: image?.path ?? null, ready })
    trays.push(this)
  }
  setToolTip(text) {
    record('tray.setToolTip', { text })
  }
  setContextMenu(menu) {
    this.menu = menu
    record('tray.setContextMenu', { labels: menu.template.map((i) => i.label ?? i.type) })
  }
  destroy() {
    record('tray.destroy')
  }
}

export const nativeImage = {
  createFromPath(path) {
    record('nativeImage.createFromPath', { path })
    return { path, resize: () => ({ path }) }
  }
}

/** The export buttons' desktop path on the local engine. */
async function exportThroughSaveDialog(event) {
  const call = async (route, input) => {
    const result = await invokeHandler(event, route, input)
    record(`invoke.${route}`, { result })
    return result
  }
  await exportSummaryThroughSaveDialog(call, 'Desktop export')
}

export const ipcMain = {
  handle(channel, handler) {
    record('ipcMain.handle', { channel })
    invokeHandler = handler
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', { channel })
  }
}

const SECRET_PAD = 0x5a
const pad = (bytes) => Buffer.from(bytes.map((b) => b ^ SECRET_PAD))
export const safeStorage = {
  isEncryptionAvailable: () => env.STANDIN_KEYCHAIN !== 'none',
  getSelectedStorageBackend: () =>
    env.STANDIN_KEYCHAIN === 'basic_text' ? 'basic_text' : 'gnome_libsecret',
  encryptString: (plain) => (record('safeStorage.encryptString'), pad(Buffer.from(plain))),
  decryptString: (sealed) => (record('safeStorage.decryptString'), pad(sealed).toString())
}

export const dialog = {
  showErrorBox(title, content) {
    record('dialog.showErrorBox', { title, content })
  },
  /** Answers $STANDIN_SAVE_PATH as the operator's choice (cancelled without it). */
  async showSaveDialog(window, options) {
    record('dialog.showSaveDialog', { options: options ?? window })
    return env.STANDIN_SAVE_PATH
      ? { canceled: false, filePath: env.STANDIN_SAVE_PATH }
      : { canceled: true }
  }
}

export const shell = { openExternal: async (url) => record('shell.openExternal', { url }) }

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', { template: menu?.template ?? null })
  }
}

const defaultSession = {
  setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
  setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
  webRequest: {
    onBeforeRequest: (handler) => (session.beforeRequest = handler),
    onHeadersReceived: (handler) => (session.headers = handler)
  }
}
export const sessionModule = { defaultSession, fromPartition: () => defaultSession }
export { sessionModule as session }

/** Two entangled ports; a port transferred to a utility child is carried over its IPC channel. */
class Port extends EventEmitter {
  #started = false
  #queue = []
  peer = null
  child = null
  postMessage(data) {
    if (this.peer.child) this.peer.child.send({ k: 'port', data })
    else this.peer.deliver(data)
  }
  deliver(data) {
    if (this.#started) this.emit('message', { data, ports: [] })
    else this.#queue.push(data)
  }
  start() {
    this.#started = true
    this.#queue.splice(0).forEach((data) => this.emit('message', { data, ports: [] }))
  }
  close() {
    record('port.close')
    if (this.peer.child?.connected) this.peer.child.send({ k: 'close' })
    this.emit('close')
  }
}

export class MessageChannelMain {
  constructor() {
    this.port1 = new Port()
    this.port2 = new Port()
    this.port1.peer = this.port2
    this.port2.peer = this.port1
    record('MessageChannelMain', { ready })
  }
}

class UtilityProcess extends EventEmitter {
  constructor(child) {
    super()
    this.child = child
    this.pid = child.pid
    child.on('message', (m) => {
      const port = this.port
      if (m.k === 'port' && port) port.peer.deliver(m.data)
      else if (m.k === 'close' && port) port.peer.emit('close')
    })
    child.once('exit', (code) => {
      record('utility.exit', { code })
      this.emit('exit', code ?? 1)
    })
  }
  postMessage(data, transfer = []) {
    record('utility.postMessage', { data, transferred: transfer.length })
    for (const port of transfer) {
      port.child = this.child
      this.port = port
    }
    this.child.send({ k: 'parent', data, withPort: transfer.length > 0 })
  }
  kill() {
    record('utility.kill')
    return this.child.kill('SIGTERM')
  }
}

export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    record('utilityProcess.fork', { modulePath, options, ready })
    const shim = new URL('./utilityChild.mjs', import.meta.url).href
    const child = fork(modulePath, args, {
      execArgv: ['--import', shim],
      serialization: 'advanced',
      stdio: 'inherit'
    })
    children.push(child)
    return new UtilityProcess(child)
  }
}
