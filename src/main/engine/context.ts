import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventSink, Output, ParsedInput, Route } from '../../shared/ipc/contract'
import type { EventListener } from './events'
import type { Db } from '../db/openDb'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import type { PdfPrinter } from '../reports/pdf/printer'
import type { SecretBox } from '../secrets/secretBox'

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
  /** The desktop shell's save dialog (absent in headless mode); null when cancelled. */
  saveDialog?: (defaultName: string, format: 'csv' | 'pdf') => Promise<string | null>
}

/**
 * Long-lived resources every domain module may use; built once by `createEngine`. Long-lived work
 * (timers, subscriptions, workers) belongs to a service with start/stop in `engine/services.ts`.
 */
export interface EngineContext {
  config: EngineConfig
  db: Db
  emit: EventSink
  /** Listens to every engine event (what the transports get); returns the unsubscribe. */
  subscribe(listener: EventListener): () => void
  secrets: SecretBox
  contacts: ContactRepo
  events: EventRepo
  /** The only writer of `message`. */
  messages: MessageRepo
  providers: ProviderAccounts
  /** The adapter of each provider type; the one Sandbox instance of the engine among them. */
  adapterFor: AdapterRegistry
  /** The tunnel URL when up, else `--public-url`, else null. */
  publicBase(): string | null
  /** Loopback base of the callback listener (`http://127.0.0.1:<port>`), once listening. */
  hooksBase(): string | null
  log(message: string, err?: unknown): void
  /** Calls another domain's route through the contract (input parsed, defaults applied). */
  call<R extends Route>(
    route: R,
    input: ParsedInput<R> | Record<string, unknown>
  ): Promise<Output<R>>
  /** Installs the request handler of the callback listener (`/hooks/...` only reaches it); null: 404. */
  setHookHandler(handler: ((req: IncomingMessage, res: ServerResponse) => void) | null): void
  /** Sets (or clears) the public tunnel URL; callback URLs follow it. */
  setTunnelUrl(url: string | null): void
}
