import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/channels'
import type { EngineApi } from '../bridge/remoteEngine'
import { isAppUrl } from './window'

/** The one request channel: checks the sender frame, then hands over to the engine's invoker. */
export function registerIpc(engine: EngineApi, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, route: unknown, input: unknown) => {
    if (!isTrustedSender(event, getWindow()))
      return {
        ok: false,
        error: { code: 'unauthorized', message: 'Request from an unknown frame' }
      }
    if (typeof route !== 'string')
      return { ok: false, error: { code: 'invalid_input', message: 'Route must be a string' } }
    return engine.invoke(route, input)
  })
  const unsubscribe = engine.subscribe((name, payload) => {
    const window = getWindow()
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload)
  })
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    unsubscribe()
  }
}

/** Only the main frame of our own window, showing our own page, may call the engine. */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame
  if (!window || window.isDestroyed() || !frame || event.sender !== window.webContents) return false
  if (frame !== window.webContents.mainFrame) return false
  return isAppUrl(frame.url)
}
