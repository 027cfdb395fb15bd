import { infobipAuth } from '../providers/infobip/send'
import { baseUrlOf } from '../providers/request'
import { callApi, describeAnswer, ok, providerMessage, statusOf } from './http'
import type { Registrar } from './types'

/**
 * Infobip takes delivery reports per message (`notifyUrl`, already sent). Replies need a
 * subscription (Subscriptions API, `POST /subscriptions/1/subscription/WHATSAPP`, key scope
 * `subscriptions:manage`). The subscription id is fixed per account so a new URL updates the same
 * subscription (`PUT …/{subscriptionId}`) instead of adding one per tunnel URL.
 */
export const registerInfobip: Registrar = async (account, url) => {
  const c = account.config
  const base = `${baseUrlOf(c, '')}/subscriptions/1/subscription/WHATSAPP`
  const subscriptionId = `tickboard-${account.id.replace(/[^a-zA-Z0-9]/g, '').slice(0, 24)}`
  const headers = {
    ...infobipAuth(c),
    'content-type': 'application/json',
    accept: 'application/json'
  }
  const body = JSON.stringify({
    subscriptionId,
    name: 'Tickboard replies',
    events: ['INBOUND_MESSAGE'],
    profile: { profileId: subscriptionId, webhook: { notifyUrl: url } }
  })
  let answer = await callApi({ method: 'PUT', url: `${base}/${subscriptionId}`, headers, body })
  let answers = describeAnswer(answer)
  if (answer.kind === 'response' && answer.status === 404) {
    answer = await callApi({ method: 'POST', url: base, headers, body })
    answers = `${answers} · create: ${describeAnswer(answer)}`
  }
  if (ok(answer))
    return {
      outcome: 'registered',
      detail: `Infobip subscription ${subscriptionId} sends replies here; delivery reports follow every message.`,
      answer: answers
    }
  if (statusOf(answer) === 401 || statusOf(answer) === 403)
    return {
      outcome: 'manual',
      detail: `This API key cannot manage subscriptions (${providerMessage(answer)}). Delivery reports still arrive (sent with every message); for replies, create a WhatsApp subscription for inbound messages in the Infobip portal → Developer tools → Subscriptions management with webhook URL ${url}, or give the key the subscriptions:manage scope.`,
      answer: answers
    }
  return {
    outcome: 'failed',
    detail: `Infobip refused the subscription (${providerMessage(answer)}).`,
    answer: answers
  }
}
