import type { Server } from 'node:http'
import { version } from '../../../package.json'
import { startHooksServer } from '../callbacks/hooksServer'
import { openDb } from '../db/openDb'
import { createContactRepo } from '../db/repos/contactRepo'
import { createEventRepo } from '../db/repos/eventRepo'
import { createProviderRepo } from '../db/repos/providerRepo'
import { createHandlers } from '../handlers'
import { createProviderAccounts } from '../providers/providerAccounts'
import type { SecretBox } from '../secrets/secretBox'
import type { EngineConfig, EngineContext } from './context'
import { createEventBus } from './events'
import { seedFirstRun } from './firstRun'
import { createInvoker } from './invoke'

export interface EngineOptions extends Omit<EngineConfig, 'version'> {
  hooksPort: number
  secrets: (dataDir: string) => SecretBox
  nativeBinding?: string
  log?: (message: string, err?: unknown) => void
}

/** Something long-lived a domain starts with the engine and stops with it. */
export interface EngineService {
  stop(): Promise<void> | void
}

/**
 * Composition root without Electron: data file → repos → domain services → handlers, plus the
 * callback listener. Both the Electron shell and headless `serve` build exactly this.
 */
export async function createEngine(options: EngineOptions) {
  const log =
    options.log ??
    ((message: string, err?: unknown) => console.error(`[engine] ${message}`, err ?? ''))
  const config: EngineConfig = { ...options, version }
  const db = openDb(options.dataDir, { nativeBinding: options.nativeBinding })
  const bus = createEventBus()
  const secrets = options.secrets(options.dataDir)
  let hooksBase: string | null = null
  const publicBase = (): string | null => config.publicUrl
  const contacts = createContactRepo(db)
  const ctx: EngineContext = {
    config,
    db,
    emit: bus.emit,
    secrets,
    contacts,
    events: createEventRepo(db),
    providers: createProviderAccounts(createProviderRepo(db), secrets, () => publicBase()),
    publicBase,
    hooksBase: () => hooksBase,
    log
  }
  if (options.seedDemo) seedFirstRun(ctx)

  const services: EngineService[] = []
  const handlers = createHandlers(ctx)
  const hooks = await startHooksServer(options.hooksPort, (req, res) => {
    req.resume()
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{"error":{"code":"not_found","message":"No such hook"}}')
  })
  hooksBase = `http://127.0.0.1:${hooks.port}`

  let closed = false
  return {
    ctx,
    invoke: createInvoker(handlers, log),
    subscribe: bus.subscribe,
    hooksPort: hooks.port,
    async close(): Promise<void> {
      if (closed) return
      closed = true
      for (const s of services.reverse()) await s.stop()
      await closeServer(hooks.server)
      db.close()
    }
  }
}
export type Engine = Awaited<ReturnType<typeof createEngine>>

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
