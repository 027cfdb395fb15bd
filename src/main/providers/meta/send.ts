import { D360_BASE_URL } from '../../../shared/domain/providerForm'
import {
  acceptedAs,
  classifyHttpError,
  isSuccess,
  rejected,
  type HttpResponse,
  type Rejected
} from '../http'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf, jsonRequest, type HttpRequest } from '../request'
import { digitsOf } from '../normalize'
import type { ProviderAccount } from '../providerAccounts'
import type { SendOutcome, SendRequest } from '../types'
import { metaSendComponents } from './templateSend'

export const META_BASE_URL = 'https://graph.facebook.com'
export const META_API_VERSION = 'v21.0'
/** 360dialog's Cloud API proxy: `POST /messages`, the API key names the number (providers.md §5). */
export { D360_BASE_URL }

/** Meta's bearer token, or 360dialog's API key header (`authScheme: 'd360'`). */
export function metaAuth(config: Record<string, unknown>): Record<string, string> {
  const token = String(config.accessToken ?? '')
  return config.authScheme === 'd360'
    ? { 'D360-API-KEY': token }
    : { authorization: `Bearer ${token}` }
}

/**
 * Meta Cloud API: `${baseUrl}/${apiVersion}/${phoneNumberId}/messages` with a bearer token, or
 * `/marketing_messages` (same body) for a send through the Marketing Messages API.
 * 360dialog (`authScheme: 'd360'`): `${baseUrl ?? D360_BASE_URL}/messages`, no version and no
 * phone number id in the path, `D360-API-KEY: <accessToken>`; the body is Meta's, unchanged.
 */
export function buildMetaRequest(account: ProviderAccount, request: SendRequest): HttpRequest {
  const config = account.config
  const endpoint = request.marketingMessagesApi ? 'marketing_messages' : 'messages'
  const url =
    config.authScheme === 'd360'
      ? `${baseUrlOf(config, D360_BASE_URL)}/${endpoint}`
      : `${baseUrlOf(config, META_BASE_URL)}/${String(config.apiVersion ?? META_API_VERSION)}/${String(config.phoneNumberId)}/${endpoint}`
  const { name, language, params } = request.template
  const body = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...(request.to || !request.recipientUserId
      ? { to: digitsOf(request.to) }
      : { recipient: request.recipientUserId }),
    type: 'template',
    template: {
      name,
      language: { code: language },
      ...(params.length && { components: metaSendComponents(request.template) })
    },
    // Meta echoes this string in every status webhook of the message (providers.md §1.1).
    biz_opaque_callback_data: request.ourId
  }
  return jsonRequest(url, metaAuth(config), body)
}

/** Graph codes whose meaning beats the HTTP status (providers.md §1.1, §1.9). */
const RATE_CODES = new Set(['4', '80007', '130429', '131056'])
const AUTH_CODES = new Set(['0', '190'])
/**
 * Meta says it did not handle the send (131016 service unavailable, 131057 account in
 * maintenance): retried. 131000 "something went wrong" says nothing of the send: at a 5xx it
 * stays an unknown outcome (http.ts).
 */
const TRANSIENT_CODES = new Set(['131016', '131057'])

export function classifyMetaResponse(response: HttpResponse, marketingApi = false): SendOutcome {
  if (isSuccess(response)) {
    const id = stringOrNull(pick(response.json, 'messages', 0, 'id'))
    if (!id || !marketingApi) return acceptedAs(response, id)
    // Kept as sent: `held_for_quality_assessment` may still be delivered later (Meta paces it).
    const status = stringOrNull(pick(response.json, 'messages', 0, 'message_status')) ?? 'accepted'
    return { kind: 'accepted', providerMessageId: id, marketingMessageStatus: status.slice(0, 60) }
  }
  const graph = pick(response.json, 'error')
  // 360dialog's own errors (bad API key, …) use a different envelope (providers.md §5).
  const d360 = pick(response.json, 'meta')
  const code = stringOrNull(pick(graph, 'code')) ?? stringOrNull(pick(d360, 'httpCode'))
  const message =
    stringOrNull(pick(graph, 'message')) ?? stringOrNull(pick(d360, 'developerMessage'))
  const base = classifyHttpError(response, { code, message })
  return refineByGraphCode(base, code)
}

function refineByGraphCode(base: Rejected, code: string | null): Rejected {
  if (code === null) return base
  const { providerCode, providerMessage } = base
  if (RATE_CODES.has(code))
    return rejected('rate_limited', providerCode, providerMessage, true, base.retryAfterMs)
  const permission = Number(code) === 10 || (Number(code) >= 200 && Number(code) <= 299)
  if (AUTH_CODES.has(code) || permission)
    return rejected('auth_failed', providerCode, providerMessage, false)
  if (TRANSIENT_CODES.has(code))
    return rejected('provider_error', providerCode, providerMessage, true)
  return base
}
