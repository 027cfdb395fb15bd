import type { ProviderAdapter } from '../types'
import { parseMetaCallback, verifyMetaSignature } from './callbacks'
import { createSender } from '../http'
import { fetchMetaTemplateAnalytics } from './analytics'
import { buildMetaRequest, classifyMetaResponse } from './send'

/**
 * WhatsApp Cloud API, and 360dialog through `authScheme: 'd360'`. 360dialog does not sign
 * webhooks for direct clients (the app secret is theirs), so only the path token guards them.
 */
export const metaAdapter: ProviderAdapter = {
  type: 'meta',
  send: createSender(buildMetaRequest, (response, request) =>
    classifyMetaResponse(response, request.marketingMessagesApi === true)
  ),
  verifyCallback: (account, callback) =>
    account.config.authScheme === 'd360'
      ? 'unsigned_provider'
      : verifyMetaSignature(String(account.config.appSecret ?? ''), callback),
  parseCallback: (_account, callback) => parseMetaCallback(callback),
  templateAnalytics: fetchMetaTemplateAnalytics
}

export { parseMetaCallback, verifyMetaSignature } from './callbacks'
