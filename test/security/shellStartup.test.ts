import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  find,
  indexOf,
  runShell as runShellIn,
  type Entry
} from '../helpers/electronStandIn/runShell'
import { useTempDirs } from '../helpers/tempDir'

/**
 * Start-up smoke test of the built desktop shell: `out/main/index.js` runs under Node with a
 * recording stand-in for `electron` (test/helpers/electronStandIn), whose utilityProcess.fork
 * forks the real built engine entry. It cannot prove Electron works; it catches a shell that
 * throws at start-up or gets the order, the window flags or the quit sequence wrong.
 */
const tempDir = useTempDirs()
const runShell = (options: Parameters<typeof runShellIn>[1]) => runShellIn(tempDir, options)

describe('desktop shell start-up (built out/main/index.js, electron stand-in)', () => {
  it('sandbox and single-instance lock before ready, engine in a utility process, window flags, clean quit', async () => {
    const { code, log, output } = await runShell({ keychain: 'none' })
    expect(code, output).toBe(0)
    expect(find(log, 'app.enableSandbox').ready).toBe(false)
    expect(find(log, 'app.requestSingleInstanceLock').ready).toBe(false)
    expect(indexOf(log, 'app.enableSandbox')).toBeLessThan(indexOf(log, 'app.ready'))

    const fork = find(log, 'utilityProcess.fork')
    expect(fork.ready).toBe(true)
    expect(fork.modulePath).toBe(resolve('out/main/engine.js'))
    expect(fork.options).toMatchObject({ serviceName: 'Tickboard engine' })
    expect(find(log, 'utility.postMessage').transferred).toBe(1)

    const window = find(log, 'BrowserWindow').options as { webPreferences: Record<string, unknown> }
    expect(window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: true
    })
    const preload = String(window.webPreferences.preload)
    expect(preload).toBe(resolve('out/preload/index.cjs'))
    expect(existsSync(preload)).toBe(true)
    expect(find(log, 'window.loadFile').file).toBe(resolve('out/renderer/index.html'))
    // The engine started before the window, in the other process.
    expect(indexOf(log, 'ipcMain.handle')).toBeLessThan(indexOf(log, 'BrowserWindow'))

    // The contract through the registered handler, the port and the engine process.
    const info = find(log, 'invoke.system.info').result as {
      ok: boolean
      data: { transport: string; dataDir: string; credentials: { notice: string | null } }
    }
    expect(info.ok).toBe(true)
    expect(info.data.transport).toBe('electron')
    // No keychain (Linux without a keyring): the engine still starts, and says so once.
    expect(info.data.credentials.notice).toMatch(/No OS keychain/)
    expect(find(log, 'invoke.contacts.import').result).toMatchObject({ ok: true })
    expect(log.some((e) => e.what === 'webContents.send' && e.name === 'import.progress')).toBe(
      true
    )
    expect(find(log, 'invoke.stranger').result).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' }
    })

    expect(find(log, 'session.allows')).toMatchObject({
      appFile: true,
      otherFile: false,
      remote: false,
      data: true
    })
    const csp = String(find(log, 'session.csp').csp)
    expect(csp).toMatch(/script-src 'self';/)
    // Not the dev relaxation: no inline scripts, no dev-server socket.
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline|ws:/)

    // Closing the window hides it: the engine keeps running, with a tray icon and menu.
    expect(find(log, 'window.close').prevented).toBe(true)
    expect(indexOf(log, 'window.hide')).toBeGreaterThan(-1)
    expect(find(log, 'nativeImage.createFromPath').path).toMatch(/resources\/icon\.png$/)
    expect(find(log, 'Tray').ready).toBe(true)
    expect(find(log, 'tray.setContextMenu').labels).toEqual([
      'Open Tickboard',
      'separator',
      'Quit Tickboard'
    ])
    expect(String(find(log, 'tray.setToolTip').text)).toMatch(/^Tickboard — /)
    // Nothing sends: the engine says no need to keep the computer awake.
    expect(indexOf(log, 'powerSaveBlocker.start')).toBe(-1)
    // Linux has no login item Electron can set: said so, nothing set.
    expect(find(log, 'invoke.system.setLoginItem').result).toMatchObject({
      ok: true,
      data: { supported: false, openAtLogin: false }
    })
    expect(indexOf(log, 'app.setLoginItemSettings')).toBe(-1)
    // Quit from the tray menu: the first before-quit is held until the engine closed.
    expect(find(log, 'tray.quit').found).toBe(true)
    const prevented = indexOf(log, 'before-quit.prevented')
    expect(prevented).toBeGreaterThan(0)
    expect(indexOf(log, 'utility.exit')).toBeGreaterThan(prevented)
    expect(find(log, 'utility.exit').code).toBe(0)
    expect(find(log, 'process.exit').code).toBe(0)
    expect(log.some((e) => e.what === 'dialog.showErrorBox')).toBe(false)
  })

  it('seals the credentials key with safeStorage when a keychain exists; basic_text counts as none', async () => {
    const sealed = await runShell({ keychain: 'ok' })
    expect(sealed.code, sealed.output).toBe(0)
    expect(log(sealed, 'safeStorage.encryptString')).toBe(1)
    expect(existsSync(join(sealed.home, 'userData/data/secret.key.sealed'))).toBe(true)
    const plain = await runShell({ keychain: 'basic_text' })
    expect(plain.code, plain.output).toBe(0)
    expect(log(plain, 'safeStorage.encryptString')).toBe(0)
    expect(existsSync(join(plain.home, 'userData/data/secret.key'))).toBe(true)
  })

  it('the save dialog path still exports where the operator chose, replacing a confirmed file', async () => {
    const folder = tempDir()
    const savePath = join(folder, 'operator choice.csv')
    // The file exists: the OS dialog asked "replace?" and the operator confirmed.
    writeFileSync(savePath, 'last month')
    const { code, log, output } = await runShell({ savePath })
    expect(code, output).toBe(0)
    const dialog = find(log, 'dialog.showSaveDialog').options as { properties: string[] }
    expect(dialog.properties).toContain('showOverwriteConfirmation')
    const chosen = find(log, 'invoke.reports.chooseSavePath').result
    expect(chosen).toEqual({ ok: true, data: { path: savePath, replaces: true } })
    const exported = find(log, 'invoke.reports.export').result as { ok: boolean; data: unknown }
    expect(exported.ok, JSON.stringify(exported)).toBe(true)
    expect(exported.data).toMatchObject({ path: savePath })
    expect(readFileSync(savePath, 'utf8')).toMatch(/^\uFEFFstat,label,value,definition/)
  })

  it('keeps the computer awake while a campaign sends and its reports are due; start at login on macOS', async () => {
    const { code, log, output } = await runShell({ send: true, platform: 'darwin' })
    expect(code, output + JSON.stringify(log.slice(-25))).toBe(0)
    expect(find(log, 'invoke.campaigns.launch').result).toMatchObject({ ok: true })
    const start = find(log, 'powerSaveBlocker.start')
    expect(start.type).toBe('prevent-app-suspension')
    // Released once the campaign ended and its reports arrived (the engine's decision).
    expect(find(log, 'powerSaveBlocker.stop')).toMatchObject({ id: start.id, active: true })
    expect(indexOf(log, 'powerSaveBlocker.stop')).toBeGreaterThan(
      indexOf(log, 'powerSaveBlocker.start')
    )
    const tips = log.filter((e) => e.what === 'tray.setToolTip').map((e) => String(e.text))
    expect(tips.some((t) => /sending|still to come/.test(t))).toBe(true)
    expect(find(log, 'app.setLoginItemSettings').settings).toEqual({ openAtLogin: true })
    expect(find(log, 'invoke.system.setLoginItem').result).toMatchObject({
      ok: true,
      data: { supported: true, openAtLogin: true, note: null }
    })
  })

  it('a second instance quits at once: no engine, no window', async () => {
    const { code, log } = await runShell({ lock: 'taken' })
    expect(code).toBe(0)
    expect(indexOf(log, 'app.quit')).toBeGreaterThan(indexOf(log, 'app.requestSingleInstanceLock'))
    expect(indexOf(log, 'utilityProcess.fork')).toBe(-1)
    expect(indexOf(log, 'BrowserWindow')).toBe(-1)
  })

  it('packaged: no developer tools, a menu without them, the binding from resources/native', async () => {
    const { code, log, output } = await runShell({ packaged: true })
    expect(code, output).toBe(0)
    const window = find(log, 'BrowserWindow').options as { webPreferences: Record<string, unknown> }
    expect(window.webPreferences.devTools).toBe(false)
    const menu = JSON.stringify(find(log, 'Menu.setApplicationMenu').template)
    expect(menu).toContain('editMenu')
    expect(menu).not.toMatch(/viewMenu|toggleDevTools|reload/i)
    expect(find(log, 'invoke.system.info').result).toMatchObject({ ok: true })
  })

  it('an engine that cannot start shows its reason and exits 1', async () => {
    const { code, log } = await runShell({
      prepare: (home) => {
        mkdirSync(join(home, 'userData/data'), { recursive: true })
        writeFileSync(join(home, 'userData/data/tickboard.sqlite'), 'not a database '.repeat(400))
      }
    })
    expect(code).toBe(1)
    const shown = find(log, 'dialog.showErrorBox')
    expect(shown.title).toBe('Tickboard cannot start')
    expect(String(shown.content)).toMatch(/tickboard\.sqlite|SQLite|damaged/i)
    expect(String(shown.content)).not.toMatch(/\n\s+at /)
    expect(find(log, 'utility.ended')).toBeTruthy()
  })
})

function log(run: { log: Entry[] }, what: string): number {
  return run.log.filter((e) => e.what === what).length
}
