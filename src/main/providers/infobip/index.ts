import type { ProviderAdapter } from '../types'
import { parseInfobipCallback } from './callbacks'
import { createSender } from '../http'
import { findLostInfobipSends, INFOBIP_LOGS_LIMIT, lookupInfobipMessages } from './logs'
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
  findLostSends: findLostInfobipSends,
  // Reports that never came are looked up in the message logs, many ids a request.
  lookupMessages: lookupInfobipMessages,
  lookupLimit: INFOBIP_LOGS_LIMIT
}
