import type { ProviderType } from '../../shared/ipc/routes/providers'
import { gupshupAdapter } from './gupshup'
import { infobipAdapter } from './infobip'
import { metaAdapter } from './meta'
import { twilioAdapter } from './twilio'
import type { ProviderAdapter } from './types'

type RealType = Exclude<ProviderType, 'sandbox'>

const REAL: Record<RealType, ProviderAdapter> = {
  meta: metaAdapter,
  twilio: twilioAdapter,
  gupshup: gupshupAdapter,
  infobip: infobipAdapter
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
