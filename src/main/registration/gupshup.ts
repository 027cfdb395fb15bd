import { pick, stringOrNull } from '../http/json'
import { baseUrlOf } from '../providers/request'
import { GUPSHUP_PARTNER_BASE_URL } from '../providers/gupshup/send'
import { callApi, describeAnswer, ok, providerMessage, type ApiAnswer } from './http'
import type { RegistrationResult, Registrar } from './types'

/** Tags are unique per app: ours finds the subscription Tickboard made, whatever its id. */
const TAG = 'tickboard'
/** The v2 envelope (`message-event`, `message`), which the callback parser reads. */
const VERSION = '2'
/**
 * Sent, delivered and read events arrive only for a subscription with these modes ("Events that
 * require subscription", https://docs.gupshup.io/docs/subscriptions-and-notifications); without
 * them a campaign gets no delivery reports.
 */
export const GUPSHUP_DELIVERY_MODES = ['SENT', 'DELIVERED', 'READ']
/** Enqueued, failed and user messages (replies, STOP) come as well; asked for explicitly. */
const MODES = [...GUPSHUP_DELIVERY_MODES, 'FAILED', 'ENQUEUED', 'MESSAGE']

/**
 * Gupshup sends an app's events to its subscriptions (URL, modes, version). The Partner API's
 * `PUT /partner/app/{appId}/callbackUrl` is marked "deprecating soon", so the Subscription API:
 * - list `GET /partner/app/{appId}/subscription`
 *   https://partner-docs.gupshup.io/reference/get_partner-app-appid-subscription
 * - create `POST /partner/app/{appId}/subscription` (form: modes, tag, url, version, showOnUI)
 *   https://partner-docs.gupshup.io/reference/setsubscription-api-v3
 * - update `PUT /partner/app/{appId}/subscription/{subscriptionId}` (form: url, modes, version, …)
 *   https://partner-docs.gupshup.io/reference/put_partner-app-appid-subscription-subscriptionid
 * - read back `GET /partner/app/{appId}/subscription/{subscriptionId}`
 *   https://partner-docs.gupshup.io/reference/get_partner-app-appid-subscription-subscriptionid
 * All with `Authorization: <partner app token>`. Without an app id and a partner app token the
 * operator sets it in the dashboard, and the log says exactly where.
 */
export const registerGupshup: Registrar = async (account, url) => {
  const c = account.config
  const appId = typeof c.appId === 'string' ? c.appId : ''
  const token = typeof c.partnerToken === 'string' ? c.partnerToken : ''
  if (!appId || !token)
    return {
      outcome: 'manual',
      detail: `Set it by hand: Gupshup dashboard → app ${String(c.appName ?? '')} → Webhooks → add a subscription with URL ${url}, version 2, and the sent, delivered, read, failed and message events switched on (without sent/delivered/read no delivery report arrives). Or add the app ID and a partner app token to this account and Tickboard sets it for you.`,
      answer: null
    }
  const root = `${baseUrlOf(c, GUPSHUP_PARTNER_BASE_URL)}/partner/app/${encodeURIComponent(appId)}/subscription`
  const log: string[] = []
  const call = async (what: string, method: 'GET' | 'POST' | 'PUT', path = '', form?: object) => {
    const answer = await callApi({
      method,
      url: `${root}${path}`,
      headers: {
        authorization: token,
        accept: 'application/json',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
      },
      body: form ? new URLSearchParams(form as Record<string, string>).toString() : undefined
    })
    log.push(`${what}: ${describeAnswer(answer)}`)
    return answer
  }
  const failed = (detail: string): RegistrationResult => ({
    outcome: 'failed',
    detail,
    answer: log.join(' · ')
  })
  const success = (a: ApiAnswer) => ok(a) && pick(a.json, 'status') === 'success'

  const list = await call('list', 'GET')
  if (!success(list))
    return failed(`Gupshup refused the subscription list (${providerMessage(list)}).`)
  const subscriptions = pick(list.kind === 'response' ? list.json : undefined, 'subscriptions')
  const mine = (Array.isArray(subscriptions) ? subscriptions : []).find(
    (s) => pick(s, 'tag') === TAG
  )
  const fields = { url, modes: MODES.join(','), version: VERSION }
  const existing = stringOrNull(pick(mine, 'id'))
  const set = existing
    ? await call('update', 'PUT', `/${encodeURIComponent(existing)}`, {
        ...fields,
        tag: TAG,
        active: 'true'
      })
    : await call('create', 'POST', '', { ...fields, tag: TAG, showOnUI: 'false' })
  if (!success(set)) return failed(`Gupshup refused the subscription (${providerMessage(set)}).`)
  const id =
    existing ??
    stringOrNull(pick(set.kind === 'response' ? set.json : undefined, 'subscription', 'id'))
  if (!id) return failed('Gupshup accepted the subscription but named no subscription id.')

  const read = await call('read back', 'GET', `/${encodeURIComponent(id)}`)
  const back = pick(read.kind === 'response' ? read.json : undefined, 'subscription')
  const modes = pick(back, 'modes')
  const has = new Set(Array.isArray(modes) ? modes.map(String) : [])
  const missing = GUPSHUP_DELIVERY_MODES.filter((m) => !has.has(m) && !has.has('ALL'))
  if (pick(back, 'url') !== url || pick(back, 'active') === false)
    return failed(
      `Gupshup accepted subscription ${id} but reads back ${String(pick(back, 'url') ?? 'no URL')}${pick(back, 'active') === false ? ' (inactive)' : ''}.`
    )
  if (missing.length)
    return failed(
      `Gupshup subscription ${id} has no ${missing.join(', ')} mode: delivery reports would not arrive. Switch those events on for the app's webhook in the Gupshup dashboard.`
    )
  return {
    outcome: 'registered',
    detail: `Gupshup subscription ${id} (modes ${[...has].join(', ')}, version ${String(pick(back, 'version') ?? VERSION)}) sends this app's events here (read back).`,
    answer: log.join(' · ')
  }
}
