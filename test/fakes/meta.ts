import { randomBytes } from 'node:crypto'
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
import type { IncomingHttpHeaders } from 'node:http'
import { startFakeServer, header, type Answer, type Behaviour, type Parsed } from './server'
import { d360Registration, metaRegistration, registrationState } from './registration'
import {
  d360ListPage,
  findTemplate,
  metaListPage,
  totalValues,
  type FakeCatalogOptions
} from './templates'
import { metaJson, metaSignature } from './signing'
import { phoneNumberNode } from './metaPhoneNumber'
import { analyticsState, metaAnalyticsRoute, type FakeAnalyticsState } from './metaAnalytics'
import { metaTemplateWebhooks } from './metaTemplateWebhooks'
import { userActionsEnvelope, type FakeUserAction } from './metaUserActions'

export type { FakeUserAction }

export interface MetaFakeOptions {
  accessToken?: string
  appSecret?: string
  phoneNumberId?: string
  /** 'd360' serves 360dialog's `POST /messages` with `D360-API-KEY` auth and no signature. */
  authScheme?: 'bearer' | 'd360'
  /** Known templates and their body parameter counts; unknown names then fail like Meta. */
  templates?: Record<string, number>
  /**
   * A template list: served by `GET /{version}/{waba}/message_templates` (360dialog:
   * `GET /v1/configs/templates`) with paging, and enforced on sends (132001 unknown, 132000
   * wrong number of values, 132015 paused, 132016 disabled).
   */
  catalog?: FakeCatalogOptions
  wabaId?: string
  latencyMs?: number
  /** Marketing Messages API: the send response's `message_status` per recipient (default accepted). */
  marketingStatus?: (to: string) => string
  /** Templates Meta refuses to send to a BSUID recipient (error 131062). */
  noUserIdTemplates?: string[]
  /** The Meta app's default callback URL: template webhooks go there, never to the override. */
  appUrl?: string
}

const DEFAULT_CODES: Record<number, [number, string]> = {
  400: [131009, '(#131009) Parameter value is not valid'],
  401: [190, 'Invalid OAuth access token - Cannot parse access token'],
  403: [200, '(#200) Permission denied'],
  404: [100, 'Unsupported post request.'],
  429: [130429, '(#130429) Rate limit hit'],
  500: [131000, '(#131000) Something went wrong'],
  503: [131016, '(#131016) Service unavailable']
}

function graphError(status: number, code?: string | number, message?: string): Answer {
  const [defaultCode, defaultMessage] = DEFAULT_CODES[status] ?? [131000, 'Something went wrong']
  return {
    status,
    body: {
      error: {
        message: message ?? defaultMessage,
        type: 'OAuthException',
        code: Number(code ?? defaultCode),
        error_data: { messaging_product: 'whatsapp', details: message ?? defaultMessage },
        fbtrace_id: randomBytes(8).toString('base64url')
      }
    }
  }
}

function metaBehaviour(
  o: Required<
    Omit<MetaFakeOptions, 'templates' | 'marketingStatus' | 'catalog' | 'noUserIdTemplates'>
  > &
    MetaFakeOptions,
  marketingSends: Map<string, string>,
  analytics: FakeAnalyticsState
): Behaviour {
  const d360 = o.authScheme === 'd360'
  const invalid = (message: string, code = 100): Answer => graphError(400, code, message)
  // Requests that came through `/marketing_messages` (the Marketing Messages API).
  const viaMarketing = new WeakSet<Parsed>()
  const authorized = (headers: IncomingHttpHeaders) =>
    d360
      ? header(headers, 'd360-api-key') === o.accessToken
      : header(headers, 'authorization') === `Bearer ${o.accessToken}`
  // BSUIDs sent to through `recipient` (their Parsed.to is the BSUID, not a phone).
  const userSends = new Set<string>()
  return {
    route(method, url, headers) {
      if (method === 'GET' && !d360) {
        const answer = metaAnalyticsRoute(analytics, o.wabaId, url, headers, graphError)
        if (answer) return authorized(headers) ? answer : graphError(401)
        // The WhatsApp Business Phone Number node: `GET /{version}/{phone-number-id}?fields=…`.
        const node = /^\/v\d+\.\d+\/([^/]+)$/.exec(url.pathname)
        if (node && node[1] !== o.wabaId) {
          if (!authorized(headers)) return graphError(401)
          if (node[1] !== o.phoneNumberId)
            return graphError(
              400,
              100,
              `Unsupported get request. Object with ID '${node[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`
            )
          return phoneNumberNode(o.phoneNumberId, url)
        }
      }
      if (method !== 'GET' || !o.catalog) return null
      const list = d360
        ? url.pathname === '/v1/configs/templates'
        : url.pathname === `/${url.pathname.split('/')[1]}/${o.wabaId}/message_templates`
      if (!list) return null
      if (!authorized(headers)) return graphError(401)
      return d360 ? d360ListPage(o.catalog, url) : metaListPage(o.catalog, url, headers)
    },
    matches: (method, path) =>
      method === 'POST' &&
      (d360
        ? path === '/messages'
        : /^\/v\d+\.\d+\/[^/]+\/(messages|marketing_messages)$/.test(path)),
    authenticate: authorized,
    authError: () =>
      d360
        ? {
            status: 401,
            body: { meta: { success: false, httpCode: 401, developerMessage: 'Invalid api key' } }
          }
        : graphError(401),
    parse(raw, headers, path): Parsed | Answer {
      if (!d360 && path.split('/')[2] !== o.phoneNumberId)
        return invalid(
          `Unsupported post request. Object with ID '${path.split('/')[2]}' does not exist`
        )
      if (!header(headers, 'content-type')?.includes('application/json'))
        return invalid('(#100) Content-Type must be application/json')
      let body: Record<string, unknown>
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
      } catch {
        return invalid('(#100) Invalid JSON')
      }
      if (body.messaging_product !== 'whatsapp')
        return invalid('(#100) The parameter messaging_product is required.')
      if (body.type !== 'template') return invalid('(#100) This fake accepts only type "template"')
      // A BSUID `recipient` without `to`; 131062 for `noUserIdTemplates` (e.g. authentication).
      const bsuid = !body.to && /^[A-Z]{2}\.[\w.]+$/.test(String(body.recipient ?? ''))
      const tpl = String((body.template as { name?: unknown } | undefined)?.name)
      if (bsuid && o.noUserIdTemplates?.includes(tpl))
        return invalid('(#131062) BSUID recipients are not supported for this message', 131062)
      if (bsuid) userSends.add(String(body.recipient))
      const to = bsuid ? String(body.recipient) : String(body.to ?? '').replace(/^\+/, '')
      if (!userSends.has(to) && !/^\d{8,15}$/.test(to))
        return invalid('(#131009) Parameter value is not valid', 131009)
      const template = body.template as Record<string, unknown> | undefined
      const name = template?.name
      const language = (template?.language as { code?: unknown } | undefined)?.code
      if (typeof name !== 'string' || !name) return invalid('(#100) template.name is required')
      if (typeof language !== 'string') return invalid('(#100) template.language.code is required')
      const components = (template?.components ?? []) as { type?: string; parameters?: unknown[] }[]
      const bodyParams = components.find((c) => c.type === 'body')?.parameters ?? []
      const params: string[] = []
      for (const p of bodyParams as { type?: unknown; text?: unknown }[]) {
        if (p.type !== 'text' || typeof p.text !== 'string')
          return invalid('(#131008) Required parameter is missing', 131008)
        params.push(p.text)
      }
      const refusal = o.catalog && catalogRefusal(o.catalog, name, language, components)
      if (refusal) return refusal
      if (o.templates && !(name in o.templates))
        return graphError(404, 132001, '(#132001) Template name does not exist in the translation')
      if (o.templates && o.templates[name] !== params.length)
        return invalid(
          '(#132000) Number of parameters does not match the expected number of params',
          132000
        )
      const opaque = body.biz_opaque_callback_data
      const parsed: Parsed = {
        to: userSends.has(to) ? to : `+${to}`,
        ourId: typeof opaque === 'string' ? opaque : null,
        callbackUrl: null,
        template: { name, language, params },
        body
      }
      if (path.endsWith('/marketing_messages')) viaMarketing.add(parsed)
      return parsed
    },
    error: graphError,
    accept: (parsed, id) => {
      let status = 'accepted'
      if (viaMarketing.has(parsed)) {
        status = o.marketingStatus?.(parsed.to) ?? 'accepted'
        marketingSends.set(id, status)
      }
      return {
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          contacts: [
            userSends.has(parsed.to)
              ? { input: parsed.to, user_id: parsed.to }
              : { input: digits(parsed.to), wa_id: digits(parsed.to) }
          ],
          messages: [{ id, message_status: status }]
        }
      }
    },
    newId: () => ({ id: `wamid.${randomBytes(24).toString('base64url')}` })
  }
}

/** Meta's refusal of a send against the template list, or null when the send may go. */
function catalogRefusal(
  catalog: FakeCatalogOptions,
  name: string,
  language: string,
  components: { type?: string; parameters?: unknown[] }[]
): Answer | null {
  const t = findTemplate(catalog, (x) => x.name === name && x.language === language)
  if (!t || t.status === 'REJECTED' || t.status === 'PENDING')
    return graphError(404, 132001, '(#132001) Template name does not exist in the translation')
  if (t.status === 'PAUSED') return graphError(400, 132015, '(#132015) Template is paused')
  if (t.status === 'DISABLED') return graphError(400, 132016, '(#132016) Template is disabled')
  const given = components.reduce((n, c) => n + (c.parameters?.length ?? 0), 0)
  if (given !== totalValues(t))
    return graphError(
      400,
      132000,
      `(#132000) Number of parameters does not match the expected number of params (expected ${totalValues(t)}, got ${given})`
    )
  return null
}

/** A local WhatsApp Cloud API (or 360dialog) that signs its webhooks like Meta. */
export async function startMetaFake(options: MetaFakeOptions = {}) {
  const o = {
    accessToken: options.accessToken ?? 'EAAG-fake-access-token',
    appSecret: options.appSecret ?? 'fake-app-secret',
    phoneNumberId: options.phoneNumberId ?? '106540352242922',
    authScheme: options.authScheme ?? 'bearer',
    latencyMs: options.latencyMs ?? 0,
    templates: options.templates,
    marketingStatus: options.marketingStatus,
    catalog: options.catalog,
    wabaId: options.wabaId ?? '102290129340398',
    noUserIdTemplates: options.noUserIdTemplates,
    appUrl: options.appUrl ?? 'https://app-default.example/wh'
  }
  const registration = registrationState()
  const registrationRoute =
    o.authScheme === 'd360'
      ? d360Registration(registration, o.accessToken)
      : metaRegistration(registration, o, challenge)
  /** Provider message id → message_status of every send through `/marketing_messages`. */
  const marketingSends = new Map<string, string>()
  const analytics = analyticsState()
  const server = await startFakeServer(
    metaBehaviour(o, marketingSends, analytics),
    o.latencyMs,
    registrationRoute
  )
  const display = '15550009999'

  /**
   * Meta's webhook verification: GET `url?hub.mode=subscribe&hub.challenge=N&hub.verify_token=T`;
   * it passes only on a 200 whose body is the challenge, exactly.
   */
  async function challenge(
    url: string,
    verifyToken: string
  ): Promise<{ ok: boolean; status: number }> {
    const challenge = String(Math.floor(Math.random() * 1e9))
    const target = new URL(url)
    target.searchParams.set('hub.mode', 'subscribe')
    target.searchParams.set('hub.challenge', challenge)
    target.searchParams.set('hub.verify_token', verifyToken)
    const response = await fetch(target, { signal: AbortSignal.timeout(10_000) })
    const text = await response.text()
    return { ok: response.status === 200 && text === challenge, status: response.status }
  }

  function status(event: FakeStatus) {
    const e = withRequest(event, server.find)
    const at = e.at ?? Date.now()
    const item: Record<string, unknown> = {
      id: e.id,
      status: e.status,
      timestamp: seconds(at),
      recipient_id: digits(e.to)
    }
    if (e.ourId) item.biz_opaque_callback_data = e.ourId
    if (e.pricing)
      item.pricing = { billable: true, pricing_model: 'PMP', type: 'regular', ...e.pricing }
    else if (e.pricing === undefined && (e.status === 'sent' || e.status === 'delivered'))
      item.pricing = {
        billable: true,
        pricing_model: 'PMP',
        category: 'marketing',
        type: 'regular'
      }
    if (e.error) {
      const title = e.error.title ?? 'Message undeliverable'
      item.errors = [
        {
          code: Number(e.error.code),
          title,
          message: title,
          error_data: { details: e.error.detail ?? title },
          href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/'
        }
      ]
    }
    return item
  }
  function inbound(event: FakeInbound) {
    const at = event.at ?? Date.now()
    const message: Record<string, unknown> = {
      from: digits(event.from),
      id: event.id ?? `wamid.${randomBytes(18).toString('base64url')}`,
      timestamp: seconds(at),
      type: 'text',
      text: { body: event.text }
    }
    if (event.quotedId) message.context = { from: display, id: event.quotedId }
    const contact = { profile: { name: event.name ?? 'Zoë Ångström' }, wa_id: digits(event.from) }
    return { contact, message }
  }
  function envelope(events: FakeEvent[]) {
    const statuses = events.filter((e): e is FakeStatus => e.kind === 'status').map(status)
    const inbounds = events.filter((e): e is FakeInbound => e.kind === 'inbound').map(inbound)
    const value = (extra: Record<string, unknown>) => ({
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: display, phone_number_id: o.phoneNumberId },
        ...extra
      }
    })
    const changes = []
    if (statuses.length) changes.push(value({ statuses }))
    if (inbounds.length)
      changes.push(
        value({
          contacts: inbounds.map((i) => i.contact),
          messages: inbounds.map((i) => i.message)
        })
      )
    return { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes }] }
  }

  /** Webhook POSTs exactly as Meta sends them: escaped-unicode JSON, HMAC-SHA256 signed. */
  function render(events: FakeEvent[], options: EmitOptions = {}): RenderedCallback[] {
    const groups = options.batch ? [events] : events.map((e) => [e])
    return sign(groups.map(envelope), options)
  }
  /** One POST per action (or one for all with `batch`), like `render`. */
  function renderUserActions(actions: FakeUserAction[], options: EmitOptions = {}) {
    const groups = options.batch ? [actions] : actions.map((a) => [a])
    return sign(
      groups.map((g) =>
        userActionsEnvelope(g, { display, phoneNumberId: o.phoneNumberId, wabaId: o.wabaId })
      ),
      options
    )
  }
  function sign(envelopes: unknown[], options: EmitOptions): RenderedCallback[] {
    // Meta posts to the override registered for the number, else the app's default URL.
    const url = options.url ?? registration.url ?? 'https://tunnel.example/hooks/fake/token'
    const rendered = envelopes.map((group) => {
      const body = Buffer.from(metaJson(group), 'utf8')
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      // 360dialog forwards Meta's payloads but cannot sign them (the app secret is theirs).
      if (!options.unsigned && o.authScheme !== 'd360')
        headers['x-hub-signature-256'] = metaSignature(options.secret ?? o.appSecret, body)
      return { url, headers, body }
    })
    return finishRender(rendered, options)
  }

  const templateWebhooks = metaTemplateWebhooks(o, sign)

  return {
    ...server,
    type: 'meta' as const,
    options: o,
    /** A provider account pointing at this fake. */
    account(config: Record<string, unknown> = {}): ProviderAccount {
      return {
        id: 'meta-fake',
        type: 'meta',
        name: 'Meta fake',
        callbackToken: 'token',
        ratePerSecond: 80,
        config: {
          phoneNumberId: o.phoneNumberId,
          accessToken: o.accessToken,
          appSecret: o.appSecret,
          verifyToken: 'verify-me',
          baseUrl: server.url,
          wabaId: o.wabaId,
          authScheme: o.authScheme,
          ...config
        }
      }
    },
    render,
    challenge,
    /** The webhook override registered through the API (URL, requests, scripted fault). */
    registration,
    renderUserActions,
    marketingSends,
    /** The WABA's template analytics (enabled, region, data points, page size, requests). */
    analytics,
    /** Template status webhooks: to the app's default callback URL, never the override. */
    ...templateWebhooks,
    /** Posts to `options.url`, else to the URL registered last (as Meta does). */
    emit: (events: FakeEvent[], options: EmitOptions = {}) =>
      deliver(render(events, options), options),
    emitUserActions: (actions: FakeUserAction[], options: EmitOptions = {}) =>
      deliver(renderUserActions(actions, options), options)
  }
}
export type MetaFake = Awaited<ReturnType<typeof startMetaFake>>
