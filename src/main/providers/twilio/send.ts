import { acceptedAs, classifyHttpError, isSuccess, type HttpResponse } from '../http'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf, formRequest, type HttpRequest } from '../request'
import type { ProviderAccount } from '../providerAccounts'
import type { SendOutcome, SendRequest } from '../types'
import { twilioContentVariables } from './templateSend'

export const TWILIO_BASE_URL = 'https://api.twilio.com'
/** Our id rides in the per-message StatusCallback URL; Twilio signs the URL with its query. */
export const OUR_ID_PARAM = 'tb'

/** A Content Template Builder id; anything else is sent as free-form `Body` text. */
export const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/

/** Basic auth with the Account SID and Auth Token, for sends and Content API lists alike. */
export function twilioAuth(config: Record<string, unknown>): Record<string, string> {
  const pair = `${String(config.accountSid ?? '')}:${String(config.authToken ?? '')}`
  return { authorization: `Basic ${Buffer.from(pair).toString('base64')}` }
}

const whatsapp = (address: string): string =>
  address.startsWith('whatsapp:') ? address : `whatsapp:${address}`

export function statusCallbackUrl(callbackUrl: string, ourId: string): string {
  const url = new URL(callbackUrl)
  url.searchParams.set(OUR_ID_PARAM, ourId)
  return url.toString()
}

/**
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, Basic auth, form-encoded. Approved
 * templates go as `ContentSid` + `ContentVariables` ({"1": …}); a template name that is not an
 * `HX…` sid is treated as body text with `{{n}}` placeholders (session messages, test accounts).
 */
export function buildTwilioRequest(account: ProviderAccount, request: SendRequest): HttpRequest {
  const config = account.config
  const sid = String(config.accountSid ?? '')
  const form = new URLSearchParams()
  form.set('To', whatsapp(request.to))
  form.set('From', whatsapp(String(config.from ?? '')))
  const { name, params } = request.template
  if (CONTENT_SID.test(name)) {
    form.set('ContentSid', name)
    if (params.length)
      form.set('ContentVariables', JSON.stringify(twilioContentVariables(request.template)))
  } else {
    form.set(
      'Body',
      name.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole)
    )
  }
  if (request.callbackUrl)
    form.set('StatusCallback', statusCallbackUrl(request.callbackUrl, request.ourId))
  const url = `${baseUrlOf(config, TWILIO_BASE_URL)}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`
  return formRequest(url, twilioAuth(config), form)
}

/** Twilio answers 201 with the Message resource; errors are `{code, message, more_info, status}`. */
export function classifyTwilioResponse(response: HttpResponse): SendOutcome {
  if (isSuccess(response)) {
    return acceptedAs(response, stringOrNull(pick(response.json, 'sid')))
  }
  return classifyHttpError(response, {
    code: stringOrNull(pick(response.json, 'code')),
    message: stringOrNull(pick(response.json, 'message'))
  })
}
