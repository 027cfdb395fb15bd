import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventListener } from '../kernel/events'
import type { Db } from '../db/openDb'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import type { Kernel } from '../kernel/kernel'
import type { SecretBox } from '../secrets/secretBox'

export type { EngineConfig } from '../kernel/kernel'

/**
 * The old master key, being taken apart domain by domain (issue #21): new code receives the
 * `Kernel` (config, clock, log, emit) and exactly the repositories and services it uses as
 * constructor arguments from `engine/createEngine.ts`, never this.
 * @deprecated Do not hand this to new modules.
 */
export interface EngineContext extends Kernel {
  db: Db
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
  /** Installs the request handler of the callback listener (`/hooks/...` only reaches it); null: 404. */
  setHookHandler(handler: ((req: IncomingMessage, res: ServerResponse) => void) | null): void
  /** Sets (or clears) the public tunnel URL; callback URLs follow it. */
  setTunnelUrl(url: string | null): void
}
