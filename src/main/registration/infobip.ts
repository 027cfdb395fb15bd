import { pick } from '../http/json'
import { infobipAuth } from '../providers/infobip/send'
import { baseUrlOf } from '../providers/request'
import { callApi, describeAnswer, ok, providerMessage, statusOf, type ApiAnswer } from './http'
import type { RegistrationResult, Registrar } from './types'

/**
 * WhatsApp events the subscription asks for. Replies only: delivery and seen reports follow
 * every message's `notifyUrl` already. Event names per Infobip's event list for WhatsApp
 * (INBOUND_MESSAGE, DELIVERY, SEEN, TEMPLATE_UPDATE, …):
 * https://www.infobip.com/docs/cpaas-x/subscriptions-management/event-subscriptions
 */
const EVENTS = ['INBOUND_MESSAGE']

/**
 * Infobip takes delivery reports per message (`notifyUrl`, already sent). Replies need a
 * subscription, and a subscription does not hold the URL: it references a notification profile
 * by `profileId`, and the webhook URL (`webhook.notifyUrl`) lives on the profile. Updating a
 * subscription only changes which profile it uses. So a new URL is set on the profile, the
 * subscription is pointed at that profile, and the profile is read back before "registered":
 * - update profile `PUT /subscriptions/1/profiles/{profileId}`
 *   https://infobip.com/docs/api/platform/subscriptions-api/update-profile
 * - create profile `POST /subscriptions/1/profiles`
 *   https://infobip.com/docs/api/platform/subscriptions-api/create-profile
 * - get profile `GET /subscriptions/1/profiles/{profileId}`
 *   https://infobip.com/docs/api/platform/subscriptions-api/get-profile
 * - update subscription `PUT /subscriptions/1/subscription/{channel}/{subscriptionId}`
 *   https://infobip.com/docs/api/platform/subscriptions-api/update-subscription
 * - create subscription `POST /subscriptions/1/subscription/{channel}`
 *   https://infobip.com/docs/api/platform/subscriptions-api/create-subscription
 * Profile and subscription ids are fixed per account (letters and digits only: they are used in
 * URL paths), so a new tunnel URL updates the same two instead of adding more.
 */
export const registerInfobip: Registrar = async (account, url) => {
  const c = account.config
  const root = `${baseUrlOf(c, '')}/subscriptions/1`
  const id = `tickboard-${account.id.replace(/[^a-zA-Z0-9]/g, '').slice(0, 24)}`
  const headers = {
    ...infobipAuth(c),
    'content-type': 'application/json',
    accept: 'application/json'
  }
  const log: string[] = []
  const call = async (
    what: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown
  ): Promise<ApiAnswer> => {
    const answer = await callApi({
      method,
      url: `${root}${path}`,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    log.push(`${what}: ${describeAnswer(answer)}`)
    return answer
  }
  const answers = () => log.join(' · ')
  const refused = (answer: ApiAnswer, step: string): RegistrationResult =>
    statusOf(answer) === 401 || statusOf(answer) === 403
      ? {
          outcome: 'manual',
          detail: `This API key cannot manage subscriptions (${providerMessage(answer)}). Delivery reports still arrive (sent with every message); for replies, open the Infobip portal → Developer tools → Subscriptions management, set the notification profile's webhook URL to ${url}, and subscribe WhatsApp "Inbound message" events with that profile; or give the key the subscriptions:manage scope.`,
          answer: answers()
        }
      : {
          outcome: 'failed',
          detail: `Infobip refused the ${step} (${providerMessage(answer)}).`,
          answer: answers()
        }

  const webhook = { notifyUrl: url }
  let profile = await call('profile update', 'PUT', `/profiles/${id}`, { webhook })
  if (statusOf(profile) === 404)
    profile = await call('profile create', 'POST', '/profiles', { profileId: id, webhook })
  if (!ok(profile)) return refused(profile, 'notification profile')

  const subscription = { name: 'Tickboard replies', events: EVENTS, profile: { profileId: id } }
  let sub = await call('subscription update', 'PUT', `/subscription/WHATSAPP/${id}`, subscription)
  if (statusOf(sub) === 404)
    sub = await call('subscription create', 'POST', '/subscription/WHATSAPP', {
      subscriptionId: id,
      ...subscription
    })
  if (!ok(sub)) return refused(sub, 'subscription')

  const read = await call('read back', 'GET', `/profiles/${id}`)
  const readUrl = pick(read.kind === 'response' ? read.json : undefined, 'webhook', 'notifyUrl')
  if (readUrl !== url)
    return {
      outcome: 'failed',
      detail: `Infobip accepted the notification profile but reads back ${typeof readUrl === 'string' ? readUrl : 'no webhook URL'} for profile ${id}.`,
      answer: answers()
    }
  return {
    outcome: 'registered',
    detail: `Infobip notification profile ${id} has this URL (read back) and subscription ${id} sends WhatsApp replies through it; delivery reports follow every message.`,
    answer: answers()
  }
}
