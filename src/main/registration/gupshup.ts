import { pick } from '../providers/json'
import { baseUrlOf } from '../providers/request'
import { callApi, describeAnswer, ok, providerMessage } from './http'
import type { Registrar } from './types'

export const GUPSHUP_PARTNER_BASE_URL = 'https://partner.gupshup.io'

/**
 * Gupshup keeps one callback URL per app. The Partner API sets it
 * (`PUT /partner/app/{appId}/callbackUrl`, form `callbackUrl`, `Authorization: <partner app
 * token>`, docs.gupshup.io reference put_partner-app-appid-callbackurl); without an app id and a
 * partner app token the operator sets it in the dashboard, and the log says exactly where.
 */
export const registerGupshup: Registrar = async (account, url) => {
  const c = account.config
  const appId = typeof c.appId === 'string' ? c.appId : ''
  const token = typeof c.partnerToken === 'string' ? c.partnerToken : ''
  if (!appId || !token)
    return {
      outcome: 'manual',
      detail: `Set it by hand: Gupshup dashboard → app ${String(c.appName ?? '')} → Webhooks → Callback URL = ${url}, with message events (sent, delivered, read) switched on. Or add the app ID and a partner app token to this account and Tickboard sets it for you.`,
      answer: null
    }
  const base = baseUrlOf(c, GUPSHUP_PARTNER_BASE_URL)
  const set = await callApi({
    method: 'PUT',
    url: `${base}/partner/app/${encodeURIComponent(appId)}/callbackUrl`,
    headers: { authorization: token, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ callbackUrl: url }).toString()
  })
  if (ok(set) && pick(set.json, 'status') === 'success')
    return {
      outcome: 'registered',
      detail: 'Gupshup set the app callback URL.',
      answer: describeAnswer(set)
    }
  return {
    outcome: 'failed',
    detail: `Gupshup refused the callback URL (${providerMessage(set)}).`,
    answer: describeAnswer(set)
  }
}
