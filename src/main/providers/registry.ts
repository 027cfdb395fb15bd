import type { ProviderType } from '../../shared/ipc/routes/providers'
import { metaAdapter } from './meta'
import type { ProviderAdapter } from './types'

type RealType = Exclude<ProviderType, 'sandbox'>

const REAL: Partial<Record<RealType, ProviderAdapter>> = {
  meta: metaAdapter
}

/** The adapter of one of the real providers; the Sandbox comes through `createAdapterRegistry`. */
export function adapterFor(type: RealType): ProviderAdapter {
  const adapter = REAL[type]
  if (!adapter) throw new Error(`No adapter for provider type ${type}`)
  return adapter
}

/**
 * The full lookup the engine uses. The Sandbox adapter lives in `providers/sandbox/` (another
 * module owns it), so it is passed in rather than imported here.
 */
export function createAdapterRegistry(sandbox: ProviderAdapter) {
  return (type: ProviderType): ProviderAdapter => (type === 'sandbox' ? sandbox : adapterFor(type))
}
export type AdapterRegistry = ReturnType<typeof createAdapterRegistry>
