import type { Output } from '../../shared/ipc/contract'
import type { EngineConfig } from '../kernel/kernel'
import type { SecretBox } from '../secrets/secretBox'

/** What the Settings page shows about this engine: version, data folder, transport, URLs, keys. */
export function createSystemInfo(
  config: EngineConfig,
  publicBase: () => string | null,
  secrets: Pick<SecretBox, 'kind' | 'notice'>
): () => Output<'system.info'> {
  return () => ({
    version: config.version,
    dataDir: config.dataDir,
    transport: config.transport,
    publicUrl: publicBase(),
    credentials: { storage: secrets.kind, notice: secrets.notice ?? null }
  })
}
