import { acceptedAs, classifyHttpError, isSuccess, rejected, type HttpResponse } from '../http'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf, jsonRequest, type HttpRequest } from '../request'
import { digitsOf } from '../normalize'
import type { ProviderAccount } from '../providerAccounts'
import type { SendOutcome, SendRequest } from '../types'
import { infobipTemplateData } from './templateSend'

/** Infobip's credential header, for sends and template lists alike. */
export const infobipAuth = (config: Record<string, unknown>): Record<string, string> => ({
  authorization: `App ${String(config.apiKey ?? '')}`
})

/**
 * `POST ${baseUrl}/whatsapp/1/message/template` (the base URL is per account, so config requires
 * it), `Authorization: App <key>`, JSON `messages[]` with our id as `messageId` (optional and
 * client-chosen per the send-template doc) and as `callbackData` (echoed in the delivery report),
 * and `notifyUrl` (the per-message report URL) (providers.md §4.1,
 * https://www.infobip.com/docs/api/channels/whatsapp/whatsapp-outbound-messages/send-whatsapp-template-message).
 */
export function buildInfobipRequest(account: ProviderAccount, request: SendRequest): HttpRequest {
  const config = account.config
  const message: Record<string, unknown> = {
    from: digitsOf(String(config.from ?? '')),
    to: digitsOf(request.to),
    // Our own id as Infobip's message id: a send whose answer was lost can be looked up by it
    // (infobip/logs.ts), and its reports carry it whether or not we learned an id (providers.md §4.1).
    messageId: request.ourId,
    content: {
      templateName: request.template.name,
      templateData: infobipTemplateData(request.template),
      language: request.template.language
    },
    callbackData: request.ourId
  }
  if (request.callbackUrl) message.notifyUrl = request.callbackUrl
  const url = `${baseUrlOf(config, '')}/whatsapp/1/message/template`
  return jsonRequest(url, infobipAuth(config), { messages: [message] })
}

/**
 * 200 answers still carry a per-message status: group REJECTED (5) means Infobip refused this
 * one message (bad destination, unknown template), so it is not a send.
 */
export function classifyInfobipResponse(response: HttpResponse): SendOutcome {
  if (isSuccess(response)) {
    const first = pick(response.json, 'messages', 0)
    const group = stringOrNull(pick(first, 'status', 'groupName'))
    if (group === 'REJECTED')
      return rejected(
        'invalid_request',
        stringOrNull(pick(first, 'status', 'name')),
        stringOrNull(pick(first, 'status', 'description')),
        false
      )
    return acceptedAs(response, stringOrNull(pick(first, 'messageId')))
  }
  const exception = pick(response.json, 'requestError', 'serviceException')
  return classifyHttpError(response, {
    code: stringOrNull(pick(exception, 'messageId')),
    message: stringOrNull(pick(exception, 'text'))
  })
}
