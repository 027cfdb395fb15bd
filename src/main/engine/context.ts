import type { EventSink } from '../../shared/ipc/contract'
import type { Db } from '../db/openDb'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { ProviderAccounts } from '../providers/providerAccounts'
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
}

/** Long-lived resources every domain module may use; built once by `createEngine`. */
export interface EngineContext {
  config: EngineConfig
  db: Db
  emit: EventSink
  secrets: SecretBox
  contacts: ContactRepo
  events: EventRepo
  providers: ProviderAccounts
  /** The tunnel URL when up, else `--public-url`, else null. */
  publicBase(): string | null
  /** Loopback base of the callback listener (`http://127.0.0.1:<port>`), once listening. */
  hooksBase(): string | null
  log(message: string, err?: unknown): void
}
