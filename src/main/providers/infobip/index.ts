import type { ProviderAdapter } from '../types'
import { parseInfobipCallback } from './callbacks'
import { createSender } from '../http'
import { findLostInfobipSends } from './logs'
import { buildInfobipRequest, classifyInfobipResponse } from './send'

/**
 * Infobip documents no general webhook signature (providers.md §4.4): the secret path token is
 * the guard, and reports are matched by the `callbackData` we issued.
 */
export const infobipAdapter: ProviderAdapter = {
  type: 'infobip',
  send: createSender(buildInfobipRequest, classifyInfobipResponse),
  verifyCallback: () => 'unsigned_provider',
  parseCallback: (_account, callback) => parseInfobipCallback(callback),
  findLostSends: findLostInfobipSends
}
