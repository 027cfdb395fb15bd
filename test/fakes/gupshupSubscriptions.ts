import { header, type Answer } from './server'
import { route, type RegistrationRoute, type RegistrationState } from './registration'

/**
 * Gupshup's Subscription API as documented: an app sends each event to its active subscriptions
 * whose modes include it; sent, delivered and read events need a subscription with that mode,
 * enqueued, failed and user messages do not ("Events that require subscription",
 * https://docs.gupshup.io/docs/subscriptions-and-notifications).
 * - list `GET /partner/app/{appId}/subscription`
 *   https://partner-docs.gupshup.io/reference/get_partner-app-appid-subscription
 * - create `POST /partner/app/{appId}/subscription` (form: modes, tag unique per app, url, version)
 *   https://partner-docs.gupshup.io/reference/setsubscription-api-v3
 * - get / update `GET|PUT /partner/app/{appId}/subscription/{subscriptionId}`
 *   https://partner-docs.gupshup.io/reference/get_partner-app-appid-subscription-subscriptionid
 *   https://partner-docs.gupshup.io/reference/put_partner-app-appid-subscription-subscriptionid
 * - legacy `PUT /partner/app/{appId}/callbackUrl` ("deprecating soon"): kept, and used only while
 *   the app has no subscription (https://docs.gupshup.io/reference/put_partner-app-appid-callbackurl)
 */
export interface GupshupSubscription {
  id: string
  tag: string
  url: string
  modes: string[]
  version: number
  active: boolean
  appId: string
}

const MODES = new Set([
  'NONE',
  'SENT',
  'DELIVERED',
  'READ',
  'DELETED',
  'OTHERS',
  'FAILED',
  'MESSAGE',
  'TEMPLATE',
  'ACCOUNT',
  'BILLING',
  'ENQUEUED',
  'FLOWS_MESSAGE',
  'PAYMENTS',
  'ALL'
])
/** Events that reach a subscription without being one of its modes. */
const UNSUBSCRIBED = new Set(['ENQUEUED', 'FAILED', 'MESSAGE'])

export interface GupshupSubscriptions {
  list: GupshupSubscription[]
  /** Set through the deprecated callbackUrl endpoint. */
  legacyUrl: string | null
  /** Scripted: modes this app does not keep (a saved subscription leaves them out). */
  ignoredModes: Set<string>
}

export const gupshupSubscriptions = (): GupshupSubscriptions => ({
  list: [],
  legacyUrl: null,
  ignoredModes: new Set()
})

/** Where Gupshup posts an event of this mode (SENT, DELIVERED, READ, FAILED, MESSAGE, …). */
export function gupshupUrlFor(s: GupshupSubscriptions, mode: string): string | null {
  const active = s.list.filter((x) => x.active)
  if (!active.length) return s.legacyUrl
  const to = active.find(
    (x) => x.modes.includes(mode) || x.modes.includes('ALL') || UNSUBSCRIBED.has(mode)
  )
  return to?.url ?? null
}

const error = (status: number, message: string): Answer => ({
  status,
  body: { status: 'error', message }
})

export function gupshupRegistration(
  state: RegistrationState,
  subs: GupshupSubscriptions,
  o: { appId: string; partnerToken: string }
): RegistrationRoute {
  const base = `/partner/app/${o.appId}`
  let next = 29_040
  const sync = () => void (state.url = gupshupUrlFor(subs, 'DELIVERED'))
  const parseModes = (value: string | null) => (value ?? '').split(',').map((m) => m.trim())

  function write(method: string, id: string | null, form: URLSearchParams): Answer {
    const existing = id ? subs.list.find((x) => x.id === id) : undefined
    if (id && !existing) return error(400, 'Subscription Does Not Exist')
    const url = form.get('url') ?? existing?.url ?? ''
    if (!URL.canParse(url)) return error(400, 'Invalid URL Passed')
    const asked = form.has('modes') ? parseModes(form.get('modes')) : (existing?.modes ?? [])
    if (!asked.length || asked.some((m) => !MODES.has(m))) return error(400, 'Invalid modes')
    const modes = asked.filter((m) => !subs.ignoredModes.has(m))
    const version = Number(form.get('version') ?? existing?.version)
    if (![0, 1, 2, 3].includes(version)) return error(400, 'Invalid version')
    const tag = form.get('tag') ?? existing?.tag ?? ''
    if (!tag) return error(400, 'tag is mandatory')
    if (subs.list.some((x) => x.tag === tag && x.id !== id)) return error(400, 'Tag already exists')
    const saved: GupshupSubscription = {
      id: existing?.id ?? String(next++),
      tag,
      url,
      modes,
      version,
      active: form.has('active') ? form.get('active') === 'true' : (existing?.active ?? true),
      appId: o.appId
    }
    if (method === 'POST') subs.list.push(saved)
    else Object.assign(existing!, saved)
    sync()
    return { status: 200, body: { status: 'success', subscription: existing ?? saved } }
  }

  return route(
    state,
    (method, path) =>
      (method === 'PUT' && path === `${base}/callbackUrl`) ||
      ((method === 'GET' || method === 'POST') && path === `${base}/subscription`) ||
      ((method === 'GET' || method === 'PUT') && path.startsWith(`${base}/subscription/`)),
    (h) => header(h, 'authorization') === o.partnerToken,
    error(401, 'Authentication Failed'),
    (method, path, raw) => {
      const bare = path.split('?')[0] ?? ''
      const form = new URLSearchParams(raw.toString('utf8'))
      if (bare === `${base}/callbackUrl`) {
        const url = form.get('callbackUrl')
        if (!url) return error(400, 'callbackUrl is required')
        subs.legacyUrl = url
        sync()
        return { status: 200, body: { status: 'success' } }
      }
      const id = bare === `${base}/subscription` ? null : decodeURIComponent(bare.split('/').pop()!)
      if (method === 'GET' && id === null)
        return { status: 200, body: { status: 'success', subscriptions: subs.list } }
      if (method === 'GET') {
        const one = subs.list.find((x) => x.id === id)
        return one
          ? { status: 200, body: { status: 'success', subscription: one } }
          : error(400, 'Subscription Does Not Exist')
      }
      return write(method, id, form)
    }
  )
}
