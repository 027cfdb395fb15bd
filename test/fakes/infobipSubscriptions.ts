import { header, type Answer } from './server'
import { json, route, type RegistrationRoute, type RegistrationState } from './registration'

/**
 * Infobip's Subscriptions API as documented: a subscription names its events and references a
 * notification profile by `profileId`; the webhook URL (`webhook.notifyUrl`) lives on the profile.
 * - profiles: create `POST /subscriptions/1/profiles`, update `PUT …/profiles/{profileId}`, get
 *   `GET …/profiles/{profileId}`
 *   https://infobip.com/docs/api/platform/subscriptions-api/create-profile
 *   https://infobip.com/docs/api/platform/subscriptions-api/update-profile
 *   https://infobip.com/docs/api/platform/subscriptions-api/get-profile
 * - subscriptions: create `POST /subscriptions/1/subscription/{channel}` (an existing profile by
 *   id, or a full profile definition that creates it), update `PUT …/{channel}/{subscriptionId}`
 *   ("provide an ID of a profile if you wish to change it": a webhook inside is not a field)
 *   https://infobip.com/docs/api/platform/subscriptions-api/create-subscription
 *   https://infobip.com/docs/api/platform/subscriptions-api/update-subscription
 * WhatsApp event names: https://www.infobip.com/docs/cpaas-x/subscriptions-management/event-subscriptions
 * So a subscription whose profile was not updated keeps posting to the profile's old URL.
 */
export interface InfobipSubscriptions {
  profiles: Map<string, { profileId: string; webhook: { notifyUrl: string } }>
  subscriptions: Map<string, { subscriptionId: string; events: string[]; profileId: string }>
}

const WHATSAPP_EVENTS = new Set([
  'ACCOUNT_REGISTRATION',
  'ACCOUNT_UPDATE_NOTIFICATION',
  'BILLING',
  'CLICK',
  'DELIVERY',
  'IDENTITY_CHANGE',
  'INBOUND_MESSAGE',
  'MARKETING_SUBSCRIPTION_UPDATE',
  'PAYMENT_STATUS',
  'SEEN',
  'TEMPLATE_UPDATE'
])

const error = (status: number, messageId: string, text: string): Answer => ({
  status,
  body: { requestError: { serviceException: { messageId, text } } }
})
const badRequest = (text: string) => error(400, 'BAD_REQUEST', text)
const notFound = (what: string) => error(404, 'NOT_FOUND', `${what} not found`)

/** Where Infobip posts inbound WhatsApp messages: the profile of a subscription to them. */
export function inboundUrlOf(s: InfobipSubscriptions): string | null {
  for (const sub of [...s.subscriptions.values()].reverse())
    if (sub.events.includes('INBOUND_MESSAGE'))
      return s.profiles.get(sub.profileId)?.webhook.notifyUrl ?? null
  return null
}

function notifyUrlOf(value: unknown): string | null {
  const url = (value as { webhook?: { notifyUrl?: unknown } } | null)?.webhook?.notifyUrl
  return typeof url === 'string' && URL.canParse(url) ? url : null
}

export function infobipSubscriptions(): InfobipSubscriptions {
  return { profiles: new Map(), subscriptions: new Map() }
}

export function infobipRegistration(
  state: RegistrationState,
  subs: InfobipSubscriptions,
  apiKey: string
): RegistrationRoute {
  const profiles = '/subscriptions/1/profiles'
  const whatsapp = '/subscriptions/1/subscription/WHATSAPP'
  const idAfter = (path: string, base: string) => decodeURIComponent(path.slice(base.length + 1))
  const sync = () => void (state.url = inboundUrlOf(subs))

  function profileRoute(method: string, path: string, body: Record<string, unknown> | null) {
    if (method === 'POST') {
      const id = body?.profileId
      const url = notifyUrlOf(body)
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(id))
        return badRequest('profileId is required')
      if (!url) return badRequest('webhook.notifyUrl is required')
      if (subs.profiles.has(id)) return badRequest(`Profile ${id} already exists`)
      subs.profiles.set(id, { profileId: id, webhook: { notifyUrl: url } })
      sync()
      return { status: 200, body: subs.profiles.get(id) }
    }
    const profile = subs.profiles.get(idAfter(path, profiles))
    if (!profile) return notFound('Profile')
    if (method === 'GET') return { status: 200, body: profile }
    const url = notifyUrlOf(body)
    if (!url) return badRequest('webhook.notifyUrl is required')
    profile.webhook = { notifyUrl: url }
    sync()
    return { status: 200, body: profile }
  }

  function subscriptionRoute(method: string, path: string, body: Record<string, unknown> | null) {
    const events = body?.events
    const profile = body?.profile as Record<string, unknown> | undefined
    const profileId = profile?.profileId
    const id = method === 'POST' ? body?.subscriptionId : idAfter(path, whatsapp)
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(id))
      return badRequest('subscriptionId is required')
    const existing = subs.subscriptions.get(id)
    if (method === 'GET')
      return existing ? { status: 200, body: existing } : notFound('Subscription')
    if (method === 'PUT' && !existing) return notFound('Subscription')
    if (method === 'POST' && existing) return badRequest(`Subscription ${id} already exists`)
    if (!Array.isArray(events) || events.some((e) => !WHATSAPP_EVENTS.has(String(e))))
      return badRequest('events: unknown event for WHATSAPP')
    if (typeof profileId !== 'string') return badRequest('profile.profileId is required')
    if (!subs.profiles.has(profileId)) {
      // Only a create may define a new profile in full; an update references an existing one.
      const url = method === 'POST' ? notifyUrlOf(profile) : null
      if (!url) return badRequest(`Profile ${profileId} does not exist`)
      subs.profiles.set(profileId, { profileId, webhook: { notifyUrl: url } })
    }
    const saved = { subscriptionId: id, events: events.map(String), profileId }
    subs.subscriptions.delete(id)
    subs.subscriptions.set(id, saved)
    sync()
    return { status: method === 'POST' ? 201 : 200, body: saved }
  }

  return route(
    state,
    (method, path) =>
      (method === 'POST' && (path === profiles || path === whatsapp)) ||
      ((method === 'PUT' || method === 'GET') &&
        (path.startsWith(`${profiles}/`) || path.startsWith(`${whatsapp}/`))),
    (h) => header(h, 'authorization') === `App ${apiKey}`,
    error(401, 'UNAUTHORIZED', 'Invalid login details'),
    (method, path, raw) => {
      const bare = path.split('?')[0] ?? ''
      const body = json(raw)
      return bare.startsWith(profiles)
        ? profileRoute(method, bare, body)
        : subscriptionRoute(method, bare, body)
    }
  )
}
