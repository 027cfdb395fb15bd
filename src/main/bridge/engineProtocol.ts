/** Requests the main process makes of the engine process, and the one notice it receives. */
export const ENGINE = {
  start: 'engine.start',
  invoke: 'engine.invoke',
  close: 'engine.close',
  /** Notice carrying one engine event `{name, payload}` to the main process. */
  event: 'engine.event'
} as const

/** Everything the engine process needs to start; plain data, so it crosses the port. */
export interface EngineStart {
  dataDir: string
  publicUrl: string | null
  seedDemo: boolean
  hooksPort: number
  rendererDir: string
  /** Electron-ABI better-sqlite3 binding: the utility process runs Electron's Node. */
  nativeBinding?: string
}

export interface EngineStarted {
  hooksPort: number
  /** How provider credentials are protected (shown in Settings). */
  secrets: string
}
