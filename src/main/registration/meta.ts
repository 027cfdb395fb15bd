import { D360_BASE_URL, META_API_VERSION, META_BASE_URL, metaAuth } from '../providers/meta/send'
import { baseUrlOf } from '../providers/request'
import { pick } from '../http/json'
import { callApi, describeAnswer, ok, providerMessage } from './http'
import type { Registrar } from './types'

/**
 * Meta webhook override per business phone number (developers.facebook.com …/webhooks/override):
 * `POST /{version}/{phone-number-id}` with `webhook_configuration: {override_callback_uri,
 * verify_token}`. Meta verifies the URL with its GET challenge during that call (our receiver
 * answers it with the account's verify token), then we read the configuration back
 * (`GET /{phone-number-id}?fields=webhook_configuration`) to confirm it took.
 */
export const registerMeta: Registrar = async (account, url) => {
  const c = account.config
  const base = baseUrlOf(c, META_BASE_URL)
  const node = `${base}/${String(c.apiVersion ?? META_API_VERSION)}/${String(c.phoneNumberId)}`
  const auth = metaAuth(c)
  const set = await callApi({
    method: 'POST',
    url: node,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      webhook_configuration: {
        override_callback_uri: url,
        verify_token: String(c.verifyToken ?? '')
      }
    })
  })
  if (!ok(set) || pick(set.json, 'success') !== true)
    return {
      outcome: 'failed',
      detail: `Meta refused the callback URL (${providerMessage(set)}). Meta checks the URL with a GET to it first: the tunnel must be up and the verify token must match.`,
      answer: describeAnswer(set)
    }
  const read = await callApi({
    method: 'GET',
    url: `${node}?fields=webhook_configuration`,
    headers: auth
  })
  const current = pick(read.kind === 'response' ? read.json : undefined, 'webhook_configuration')
  const phone = pick(current, 'phone_number')
  const answers = `${describeAnswer(set)} · read back: ${describeAnswer(read)}`
  if (phone !== url)
    return {
      outcome: 'failed',
      detail: `Meta accepted the callback URL but reads back ${typeof phone === 'string' ? phone : 'no override'} for this phone number.`,
      answer: answers
    }
  // Template webhooks never follow the override: they go to the app's callback URL
  // (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override).
  const app = pick(current, 'application')
  return {
    outcome: 'registered',
    detail: `Meta confirmed the override for this phone number (read back). Template webhooks go to the app's callback URL${typeof app === 'string' ? ` (${app})` : ''}, not here.`,
    answer: answers
  }
}

/** 360dialog: `POST /v1/configs/webhook {url}` with the D360-API-KEY header. */
export const register360dialog: Registrar = async (account, url) => {
  const c = account.config
  const set = await callApi({
    method: 'POST',
    url: `${baseUrlOf(c, D360_BASE_URL)}/v1/configs/webhook`,
    headers: { ...metaAuth(c), 'content-type': 'application/json' },
    body: JSON.stringify({ url })
  })
  if (!ok(set))
    return {
      outcome: 'failed',
      detail: `360dialog refused the webhook URL (${providerMessage(set)}).`,
      answer: describeAnswer(set)
    }
  const echoed = pick(set.json, 'url')
  return typeof echoed === 'string' && echoed !== url
    ? {
        outcome: 'failed',
        detail: `360dialog answered with another webhook URL (${echoed}).`,
        answer: describeAnswer(set)
      }
    : {
        outcome: 'registered',
        detail: '360dialog set the webhook URL.',
        answer: describeAnswer(set)
      }
}
