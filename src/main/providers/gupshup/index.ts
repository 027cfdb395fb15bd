import type { ProviderAdapter } from '../types'
import { parseGupshupCallback } from './callbacks'
import { createSender } from '../http'
import { buildGupshupRequest, classifyGupshupResponse } from './send'

/** Gupshup documents no callback signature: the secret path token is the only guard. */
export const gupshupAdapter: ProviderAdapter = {
  type: 'gupshup',
  send: createSender(buildGupshupRequest, classifyGupshupResponse),
  verifyCallback: () => 'unsigned_provider',
  parseCallback: (_account, callback) => parseGupshupCallback(callback)
}
