import type { EngineContext } from '../engine/context'
import type { DomainHandlers } from './types'

export function systemHandlers(ctx: EngineContext): DomainHandlers<'system.info'> {
  return {
    'system.info': () => ({
      version: ctx.config.version,
      dataDir: ctx.config.dataDir,
      transport: ctx.config.transport,
      publicUrl: ctx.publicBase(),
      credentials: { storage: ctx.secrets.kind, notice: ctx.secrets.notice ?? null }
    })
  }
}
