import type { ProviderAdapter } from '../types'
import { parseGupshupCallback } from './callbacks'
import { createSender } from '../http'
import { buildGupshupRequest, classifyGupshupResponse } from './send'
import {
  fetchGupshupTemplateAnalytics,
  GUPSHUP_ANALYTICS_LIMIT,
  IST_OFFSET_MS,
  IST_ZONE
} from './analytics'

/** Gupshup documents no callback signature: the secret path token is the only guard. */
export const gupshupAdapter: ProviderAdapter = {
  type: 'gupshup',
  send: createSender(buildGupshupRequest, classifyGupshupResponse),
  verifyCallback: () => 'unsigned_provider',
  parseCallback: (_account, callback) => parseGupshupCallback(callback),
  templateAnalytics: fetchGupshupTemplateAnalytics,
  analyticsLimit: GUPSHUP_ANALYTICS_LIMIT,
  analyticsZone: { name: IST_ZONE, offsetMs: IST_OFFSET_MS }
}
