import type { EventSink } from '../../shared/ipc/contract'
import type { PdfPrinter } from './pdfPrinter'
import type { EngineSettings } from './settings'

export interface EngineConfig {
  dataDir: string
  version: string
  transport: 'electron' | 'http'
  /** `--public-url`: public base of callback URLs when no tunnel is up. */
  publicUrl: string | null
  /** Where the built renderer lives (headless static serving, PDF printing). */
  rendererDir?: string
  /** Seed a fresh data dir with a Sandbox provider and demo contacts. */
  seedDemo: boolean
  /** Electron-ABI better-sqlite3 binding (extra read connections must use it too). */
  nativeBinding?: string
  /** Prints report pages; the desktop shell injects Electron's, headless uses system Chromium. */
  pdfPrinter?: PdfPrinter
  /**
   * The desktop shell's start-at-login setting (absent in headless mode): reads it, or sets it
   * when given a value; `supported: false` where the OS has none Electron can set (Linux).
   */
  loginItem?: (openAtLogin?: boolean) => Promise<{ supported: boolean; openAtLogin: boolean }>
  /** The desktop shell's save dialog (absent in headless mode); null when cancelled. */
  saveDialog?: (defaultName: string, format: 'csv' | 'pdf') => Promise<string | null>
  /**
   * `serve --exports-dir` (or TICKBOARD_EXPORTS_DIR): exports and scheduled reports only inside
   * this folder (an existing, real path); null or absent: wherever a call asks.
   */
  exportsDir?: string | null
  /** Tunables read once from the environment (`kernel/environment.ts`). */
  settings: EngineSettings
}

export type Log = (message: string, err?: unknown) => void

export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * The kernel every service may receive: configuration, the clock, the log and the event sink.
 * Nothing else is ambient. Repositories, adapters and other services are constructor arguments
 * that `engine/createEngine.ts` (the composition root) hands to each service once.
 */
export interface Kernel {
  config: EngineConfig
  clock: Clock
  log: Log
  emit: EventSink
}
