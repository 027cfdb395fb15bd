import { acceptedAs, classifyHttpError, isSuccess, rejected, type HttpResponse } from '../http'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf, formRequest, type HttpRequest } from '../request'
import { digitsOf } from '../normalize'
import type { ProviderAccount } from '../providerAccounts'
import type { SendOutcome, SendRequest } from '../types'
import { gupshupTemplateFields } from './templateSend'

export const GUPSHUP_BASE_URL = 'https://api.gupshup.io'
/** The Partner API's host (subscriptions, template analytics); `baseUrl` replaces both in tests. */
export const GUPSHUP_PARTNER_BASE_URL = 'https://partner.gupshup.io'

/** Gupshup's credential header, for sends and template lists alike. */
export const gupshupAuth = (config: Record<string, unknown>): Record<string, string> => ({
  apikey: String(config.apiKey ?? '')
})

/**
 * `POST /wa/api/v1/template/msg`, header `apikey`, form fields with the template as a JSON
 * string `{id, params}` (providers.md §3.1). The template `name` is Gupshup's template id, and
 * the language is implied by it. Gupshup echoes nothing of ours: its `messageId` is the link.
 */
export function buildGupshupRequest(account: ProviderAccount, request: SendRequest): HttpRequest {
  const config = account.config
  const form = new URLSearchParams()
  form.set('channel', 'whatsapp')
  form.set('source', digitsOf(String(config.source ?? '')))
  form.set('src.name', String(config.appName ?? ''))
  form.set('destination', digitsOf(request.to))
  for (const [field, value] of Object.entries(gupshupTemplateFields(request.template)))
    form.set(field, value)
  const url = `${baseUrlOf(config, GUPSHUP_BASE_URL)}/wa/api/v1/template/msg`
  return formRequest(url, gupshupAuth(config), form)
}

/** Gupshup's "API Rate Limited" code (partner-docs error codes), sometimes sent without a 429. */
const RATE_LIMITED = '4001'

export function classifyGupshupResponse(response: HttpResponse): SendOutcome {
  const code = stringOrNull(pick(response.json, 'code'))
  const message = stringOrNull(pick(response.json, 'message'))
  if (isSuccess(response) && pick(response.json, 'status') !== 'error') {
    return acceptedAs(response, stringOrNull(pick(response.json, 'messageId')))
  }
  // A 2xx carrying `status: "error"` is a refusal of this request, not an outage.
  const base = isSuccess(response)
    ? rejected('invalid_request', code, message, false)
    : classifyHttpError(response, { code, message })
  return code === RATE_LIMITED
    ? rejected('rate_limited', code, base.providerMessage, true, base.retryAfterMs)
    : base
}
