import { randomBytes, randomUUID } from 'node:crypto'
import type { ProviderAccount } from '../../src/main/providers/providerAccounts'
import {
  deliver,
  digits,
  finishRender,
  seconds,
  withRequest,
  type EmitOptions,
  type FakeEvent,
  type FakeInbound,
  type FakeStatus,
  type RenderedCallback
} from './callbacks'
import { gupshupRegistration, gupshupSubscriptions, gupshupUrlFor } from './gupshupSubscriptions'
import {
  gupshupAnalyticsRoute,
  gupshupAnalyticsState,
  type FakeGupshupAnalytics
} from './gupshupAnalytics'
import { registrationState } from './registration'
import { header, startFakeServer, type Answer, type Behaviour, type Parsed } from './server'
import {
  findTemplate,
  gupshupIdOf,
  gupshupListPage,
  valueCount,
  type FakeCatalogOptions
} from './templates'

export interface GupshupFakeOptions {
  apiKey?: string
  appName?: string
  /** The business number, digits with country code. */
  source?: string
  /** Partner API credentials that let the app's callback URL be set through the API; the app id
   * also names the template list path. */
  appId?: string
  partnerToken?: string
  latencyMs?: number
  /**
   * Templates: served by `GET /wa/app/{appId}/template` (0-based `pageNo`, `pageSize` 1-100), and
   * enforced on sends
   * (code 4003 for an unknown or unapproved template id or a wrong number of params).
   */
  catalog?: FakeCatalogOptions
}

const DEFAULT_MESSAGES: Record<number, [string | null, string]> = {
  400: [null, 'Invalid Destination'],
  401: [null, 'Authentication Failed'],
  429: ['4001', 'API Rate Limited'],
  500: ['500', 'Internal Server Error'],
  503: ['500', 'Service Unavailable']
}

/** Gupshup's error envelope (`{status:"error", message}`; providers.md §3.1 marks it unverified). */
function gupshupError(status: number, code?: string | number, message?: string): Answer {
  const [defaultCode, defaultMessage] = DEFAULT_MESSAGES[status] ?? [null, 'Error']
  const body: Record<string, unknown> = { status: 'error', message: message ?? defaultMessage }
  const c = code ?? defaultCode
  if (c !== null) body.code = String(c)
  return { status, body }
}

/** Gupshup's refusal of a template send against the list, or null when it may go. */
function templateRefusal(catalog: FakeCatalogOptions, id: string, params: number): Answer | null {
  const t = findTemplate(catalog, (x) => gupshupIdOf(x) === id)
  // 4005: template paused (partner-docs.gupshup.io/docs/error-codes; providers.md §6c)
  if (t?.status === 'PAUSED') return gupshupError(400, '4005', 'Template is paused')
  if (!t || (t.status ?? 'APPROVED') !== 'APPROVED')
    return gupshupError(400, '4003', 'No Template match: template id not found or not approved')
  const n = valueCount(t)
  const media = t.components.some((c) => c.type === 'HEADER' && c.format !== 'TEXT')
  const expected = n.body + n.buttons + (media ? 0 : n.header)
  if (params !== expected)
    return gupshupError(
      400,
      '4003',
      `No Template match: expected ${expected} params, got ${params}`
    )
  return null
}

function gupshupBehaviour(
  o: Required<Omit<GupshupFakeOptions, 'catalog'>> & GupshupFakeOptions,
  listQueries: string[],
  analytics: FakeGupshupAnalytics
): Behaviour {
  const invalid = (message: string) => gupshupError(400, undefined, message)
  return {
    route(method, url, headers) {
      const answered = gupshupAnalyticsRoute(analytics, o, method, url, headers)
      if (answered) return answered
      if (method !== 'GET' || !o.catalog || url.pathname !== `/wa/app/${o.appId}/template`)
        return null
      if (header(headers, 'apikey') !== o.apiKey) return gupshupError(401)
      listQueries.push(url.search)
      return gupshupListPage(o.catalog, url)
    },
    matches: (method, path) =>
      method === 'POST' &&
      (path === '/wa/api/v1/template/msg' || path === '/sm/api/v1/template/msg'),
    authenticate: (headers) => header(headers, 'apikey') === o.apiKey,
    authError: () => gupshupError(401),
    parse(raw, headers): Parsed | Answer {
      if (header(headers, 'content-type') !== 'application/x-www-form-urlencoded')
        return invalid('Invalid content type')
      const form = new URLSearchParams(raw.toString('utf8'))
      if (form.get('channel') !== 'whatsapp') return invalid('Invalid Channel')
      if (form.get('source') !== o.source) return invalid('Invalid Source')
      if (form.get('src.name') !== o.appName) return invalid('Invalid App Name')
      const destination = form.get('destination') ?? ''
      if (!/^\d{8,15}$/.test(destination)) return invalid('Invalid Destination')
      let template: { id?: unknown; params?: unknown }
      try {
        template = JSON.parse(form.get('template') ?? '') as typeof template
      } catch {
        return invalid('Invalid template')
      }
      if (typeof template.id !== 'string' || !template.id) return invalid('Template Id is missing')
      const params = template.params ?? []
      if (!Array.isArray(params) || params.some((p) => typeof p !== 'string'))
        return invalid('Invalid template params')
      const refusal = o.catalog && templateRefusal(o.catalog, template.id, params.length)
      if (refusal) return refusal
      return {
        to: `+${destination}`,
        ourId: null,
        callbackUrl: null,
        template: { name: template.id, language: null, params: params as string[] },
        body: Object.fromEntries(form.entries())
      }
    },
    error: gupshupError,
    accept: (_parsed, id) => ({ status: 202, body: { status: 'submitted', messageId: id } }),
    // Gupshup's own id goes back to the sender; WhatsApp's id only shows up in later events.
    newId: () => ({
      id: randomUUID(),
      extra: { waId: `gBEG${randomBytes(12).toString('base64url')}` }
    })
  }
}

/** A local Gupshup WhatsApp API posting v2 `message-event` / `message` callbacks (unsigned). */
export async function startGupshupFake(options: GupshupFakeOptions = {}) {
  const o: Required<Omit<GupshupFakeOptions, 'catalog'>> = {
    apiKey: options.apiKey ?? 'fake-gupshup-api-key',
    appName: options.appName ?? 'TickboardDemo',
    source: options.source ?? '15550009999',
    appId: options.appId ?? 'fake-gupshup-app-id',
    partnerToken: options.partnerToken ?? 'fake-gupshup-partner-token',
    latencyMs: options.latencyMs ?? 0
  }
  const registration = registrationState()
  const subscriptions = gupshupSubscriptions()
  const listQueries: string[] = []
  const analytics = gupshupAnalyticsState()
  const server = await startFakeServer(
    gupshupBehaviour({ ...o, catalog: options.catalog }, listQueries, analytics),
    o.latencyMs,
    gupshupRegistration(registration, subscriptions, o)
  )

  function statusBody(event: FakeStatus) {
    const e = withRequest(event, server.find)
    const at = e.at ?? Date.now()
    const waId = e.request?.extra.waId ?? `gBEG${randomBytes(12).toString('base64url')}`
    const dlr = e.status === 'sent' || e.status === 'delivered' || e.status === 'read'
    let inner: Record<string, unknown> = { ts: Number(seconds(at)) }
    if (e.status === 'enqueued') inner = { whatsappMessageId: waId, type: 'template' }
    if (e.status === 'failed')
      inner = {
        code: Number(e.error?.code ?? 1002),
        reason: e.error?.title ?? 'Number Does Not Exists On WhatsApp'
      }
    return {
      app: o.appName,
      timestamp: at,
      version: 2,
      type: 'message-event',
      payload: {
        // sent/delivered/read name the WhatsApp id and move Gupshup's id to gsId.
        id: dlr ? waId : e.id,
        ...(dlr ? { gsId: e.id } : {}),
        type: e.status,
        destination: digits(e.to),
        payload: inner
      }
    }
  }
  function inboundBody(event: FakeInbound) {
    const quoted = event.quotedId ? server.find(event.quotedId) : undefined
    const phone = digits(event.from)
    const payload: Record<string, unknown> = {
      id: event.id ?? `ABEG${randomBytes(16).toString('base64url')}`,
      source: phone,
      type: 'text',
      payload: { text: event.text },
      sender: { phone, name: event.name ?? 'Zoë', country_code: '1', dial_code: phone.slice(1) }
    }
    if (event.quotedId) payload.context = { id: quoted?.extra.waId ?? null, gsId: event.quotedId }
    return {
      app: o.appName,
      timestamp: event.at ?? Date.now(),
      version: 2,
      type: 'message',
      payload
    }
  }

  /**
   * One JSON POST per event to the app's subscription for it (set per Gupshup app, never per
   * message): sent/delivered/read only reach a subscription with that mode.
   */
  function render(events: FakeEvent[], options: EmitOptions = {}): RenderedCallback[] {
    const urlFor = (event: FakeEvent) => {
      if (options.url) return options.url
      const mode = event.kind === 'status' ? event.status.toUpperCase() : 'MESSAGE'
      const url = gupshupUrlFor(subscriptions, mode)
      if (url) return url
      if (subscriptions.list.length)
        throw new Error(`Gupshup fake: no subscription of the app takes ${mode} events`)
      return 'https://tunnel.example/hooks/fake/token'
    }
    const rendered = events.map((event) => ({
      url: urlFor(event),
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(
        JSON.stringify(event.kind === 'status' ? statusBody(event) : inboundBody(event))
      )
    }))
    return finishRender(rendered, options)
  }

  return {
    ...server,
    type: 'gupshup' as const,
    options: o,
    account(config: Record<string, unknown> = {}): ProviderAccount {
      return {
        id: 'gupshup-fake',
        type: 'gupshup',
        name: 'Gupshup fake',
        callbackToken: 'token',
        ratePerSecond: 20,
        config: {
          apiKey: o.apiKey,
          source: o.source,
          appName: o.appName,
          appId: o.appId,
          partnerToken: o.partnerToken,
          baseUrl: server.url,
          ...config
        }
      }
    },
    render,
    /** The Partner API's requests and scripted fault; `url`: where delivered events go. */
    registration,
    /** The app's subscriptions (URL, modes, version) as the Subscription API holds them. */
    subscriptions,
    /** The query string of every template list request, in order. */
    listQueries,
    /** The app's template analytics (enabled, entries, per-minute limit, requests). */
    analytics,
    /** Posts to `options.url`, else to the registered callback URL (as Gupshup does). */
    emit: (events: FakeEvent[], options: EmitOptions = {}) =>
      deliver(render(events, options), options)
  }
}
export type GupshupFake = Awaited<ReturnType<typeof startGupshupFake>>
