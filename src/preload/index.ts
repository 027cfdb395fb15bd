import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/ipc/channels'

/**
 * The whole bridge: one request function and one event subscription. No ipcRenderer, no Node,
 * no generic channel access reaches the page.
 */
const api = {
  invoke: (route: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, route, input),
  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) callback(payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, listener)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener)
  }
}

contextBridge.exposeInMainWorld('tickboard', api)
