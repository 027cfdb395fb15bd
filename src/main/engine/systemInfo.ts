import type { Output } from '../../shared/ipc/contract'
import type { EngineContext } from './context'

/** What the Settings page shows about this engine: version, data folder, transport, URLs, keys. */
export function systemInfo(ctx: EngineContext): Output<'system.info'> {
  return {
    version: ctx.config.version,
    dataDir: ctx.config.dataDir,
    transport: ctx.config.transport,
    publicUrl: ctx.publicBase(),
    credentials: { storage: ctx.secrets.kind, notice: ctx.secrets.notice ?? null }
  }
}
