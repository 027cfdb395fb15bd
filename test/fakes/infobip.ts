import { randomUUID } from 'node:crypto'
import type { ProviderAccount } from '../../src/main/providers/providerAccounts'
import {
  deliver,
  digits,
  finishRender,
  withRequest,
  type EmitOptions,
  type FakeEvent,
  type FakeInbound,
  type FakeStatus,
  type RenderedCallback
} from './callbacks'
import { infobipRegistration, infobipSubscriptions } from './infobipSubscriptions'
import { registrationState } from './registration'
import { header, startFakeServer, type Answer, type Behaviour, type Parsed } from './server'
import { findTemplate, infobipListPage, valueCount, type FakeCatalogOptions } from './templates'

export interface InfobipFakeOptions {
  apiKey?: string
  /** The WhatsApp sender, digits. */
  from?: string
  latencyMs?: number
  /** The status group a new message has in the logs (default PENDING). */
  initialStatus?: string
  /**
   * Templates: served by `GET /whatsapp/2/senders/{sender}/templates` with paging, and enforced
   * on sends (400 BAD_REQUEST for an unknown or unapproved template or wrong placeholders).
   */
  catalog?: FakeCatalogOptions
}

const DEFAULT_IDS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHORIZED', 'Invalid login details'],
  403: ['UNAUTHORIZED', 'Forbidden'],
  404: ['NOT_FOUND', 'Not found'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
  500: ['GENERAL_ERROR', 'Something went wrong. Please contact support.'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable']
}

function infobipError(status: number, code?: string | number, message?: string): Answer {
  const [id, text] = DEFAULT_IDS[status] ?? ['GENERAL_ERROR', 'Error']
  const body: Record<string, unknown> = {
    requestError: { serviceException: { messageId: String(code ?? id), text: message ?? text } }
  }
  return { status, body }
}

/**
 * Status objects per group, ids and names from Infobip's general status codes:
 * https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes
 */
export const INFOBIP_STATUS: Record<string, Record<string, unknown>> = {
  PENDING: {
    groupId: 1,
    groupName: 'PENDING',
    id: 7,
    name: 'PENDING_ENROUTE',
    description: 'Message sent to next instance'
  },
  UNDELIVERABLE: {
    groupId: 2,
    groupName: 'UNDELIVERABLE',
    id: 9,
    name: 'UNDELIVERABLE_NOT_DELIVERED',
    description: 'Message sent not delivered'
  },
  DELIVERED: {
    groupId: 3,
    groupName: 'DELIVERED',
    id: 5,
    name: 'DELIVERED_TO_HANDSET',
    description: 'Message delivered to handset'
  },
  EXPIRED: {
    groupId: 4,
    groupName: 'EXPIRED',
    id: 15,
    name: 'EXPIRED_EXPIRED',
    description: 'Message expired'
  },
  REJECTED: {
    groupId: 5,
    groupName: 'REJECTED',
    id: 52,
    name: 'REJECTED_DESTINATION',
    description: 'Invalid destination address'
  }
}

const NO_ERROR = {
  groupId: 0,
  groupName: 'OK',
  id: 0,
  name: 'NO_ERROR',
  description: 'No Error',
  permanent: false
}

/** Infobip's refusal of a template send against the list, or null when it may go. */
function templateRefusal(
  catalog: FakeCatalogOptions,
  name: string,
  language: string,
  content: Record<string, unknown>
): Answer | null {
  const t = findTemplate(catalog, (x) => x.name === name && x.language === language)
  if (!t || (t.status ?? 'APPROVED') !== 'APPROVED')
    return infobipError(
      400,
      'BAD_REQUEST',
      `Template ${name} (${language}) does not exist or is not approved`
    )
  const data = content.templateData as Record<string, unknown>
  const body = ((data.body as { placeholders?: unknown[] }).placeholders ?? []).length
  const header = data.header ? 1 : 0
  const buttons = Array.isArray(data.buttons) ? data.buttons.length : 0
  const n = valueCount(t)
  if (body !== n.body || header !== n.header || buttons !== n.buttons)
    return infobipError(
      400,
      'BAD_REQUEST',
      `Invalid template data: expected ${n.body} placeholders, ${n.header} header and ${n.buttons} button parameters`
    )
  return null
}

/** Infobip writes times like `2025-07-01T12:00:02.000+0000`. */
const infobipTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000')

/** What the fake's message logs hold of one message: its last status and when. */
export interface InfobipLogEntry {
  to: string
  status: string
  at: number
  callbackData: string | null
}

/**
 * Infobip's WhatsApp message logs: `GET /whatsapp/2/logs` filtered by `messageId` (repeatable),
 * answering `{results: [{messageId, to, from, sentAt, doneAt, messageCount, price, status,
 * error}]}` with the same status objects as delivery reports; kept 48 hours, and not consumed by
 * reading (unlike the reports pull). The path and filters follow public clients of the WhatsApp
 * logs (Infobip's own page was not in the corpus); the logs contract is Infobip's documented one
 * for its channels, e.g. https://www.infobip.com/docs/api/channels/email/get-email-message-logs
 * (messageId, to, sentSince, sentUntil, limit; 48 hours).
 */
function logsAnswer(url: URL, logs: Map<string, InfobipLogEntry>, from: string): Answer {
  const ids = url.searchParams.getAll('messageId')
  const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 50) || 50)
  const results = []
  for (const id of ids) {
    const entry = logs.get(id)
    if (!entry || results.length >= limit) continue
    const status = INFOBIP_STATUS[entry.status] ?? INFOBIP_STATUS.PENDING
    results.push({
      bulkId: 'bulk-1',
      messageId: id,
      to: digits(entry.to),
      from,
      sentAt: infobipTime(entry.at),
      doneAt: infobipTime(entry.at),
      messageCount: 1,
      price: { pricePerMessage: 0, currency: 'EUR' },
      status,
      error: NO_ERROR,
      ...(entry.callbackData ? { callbackData: entry.callbackData } : {})
    })
  }
  return { status: 200, body: { results } }
}

function infobipBehaviour(
  o: Required<Omit<InfobipFakeOptions, 'catalog' | 'initialStatus'>> & InfobipFakeOptions,
  logs: Map<string, InfobipLogEntry>
): Behaviour {
  const invalid = (text: string) => infobipError(400, 'BAD_REQUEST', text)
  const pendingAnswer = (to: string, id: string, status = INFOBIP_STATUS.PENDING): Answer => ({
    status: 200,
    body: {
      messages: [{ to: digits(to), messageCount: 1, messageId: id, status }],
      bulkId: String(Date.now())
    }
  })
  return {
    route(method, url, headers) {
      if (method === 'GET' && url.pathname === '/whatsapp/2/logs') {
        if (header(headers, 'authorization') !== `App ${o.apiKey}`) return infobipError(401)
        return logsAnswer(url, logs, o.from)
      }
      if (
        method !== 'GET' ||
        !o.catalog ||
        url.pathname !== `/whatsapp/2/senders/${o.from}/templates`
      )
        return null
      if (header(headers, 'authorization') !== `App ${o.apiKey}`) return infobipError(401)
      return infobipListPage(o.catalog, url)
    },
    matches: (method, path) => method === 'POST' && path === '/whatsapp/1/message/template',
    authenticate: (headers) => header(headers, 'authorization') === `App ${o.apiKey}`,
    authError: () => infobipError(401),
    parse(raw, headers): Parsed | Answer {
      if (!header(headers, 'content-type')?.includes('application/json'))
        return invalid('Unsupported content type')
      let body: { messages?: unknown }
      try {
        body = JSON.parse(raw.toString('utf8')) as typeof body
      } catch {
        return invalid('Invalid JSON')
      }
      // The real endpoint takes many messages; this fake, like our adapter, one per request.
      if (!Array.isArray(body.messages) || body.messages.length !== 1)
        return invalid('messages: exactly one message expected by this fake')
      const m = body.messages[0] as Record<string, unknown>
      const content = m.content as Record<string, unknown> | undefined
      const placeholders = (
        content?.templateData as { body?: { placeholders?: unknown } } | undefined
      )?.body?.placeholders
      if (m.from !== o.from) return invalid('messages[0].from: invalid sender')
      if (typeof m.to !== 'string' || !/^\d{8,15}$/.test(m.to))
        return invalid('messages[0].to: invalid')
      if (typeof content?.templateName !== 'string' || !content.templateName)
        return invalid('messages[0].content.templateName: must not be blank')
      if (typeof content.language !== 'string')
        return invalid('messages[0].content.language: must not be null')
      if (!Array.isArray(placeholders) || placeholders.some((p) => typeof p !== 'string'))
        return invalid('messages[0].content.templateData.body.placeholders: must not be null')
      if (m.messageId !== undefined && (typeof m.messageId !== 'string' || !m.messageId))
        return invalid('messages[0].messageId: must be a non-empty string')
      if (m.notifyUrl !== undefined && !URL.canParse(String(m.notifyUrl)))
        return invalid('messages[0].notifyUrl: must be a valid URL')
      const refusal =
        o.catalog && templateRefusal(o.catalog, content.templateName, content.language, content)
      if (refusal) return refusal
      return {
        to: `+${m.to}`,
        ourId: typeof m.callbackData === 'string' ? m.callbackData : null,
        callbackUrl: typeof m.notifyUrl === 'string' ? m.notifyUrl : null,
        template: {
          name: content.templateName,
          language: content.language,
          params: placeholders as string[]
        },
        body
      }
    },
    error: infobipError,
    accept: (parsed, id) => {
      const status = o.initialStatus ?? 'PENDING'
      logs.set(id, { to: parsed.to, status, at: Date.now(), callbackData: parsed.ourId })
      return pendingAnswer(parsed.to, id)
    },
    refuse: (parsed) => pendingAnswer(parsed.to, randomUUID(), INFOBIP_STATUS.REJECTED),
    // A client-chosen `messageId` becomes the message's id; otherwise Infobip makes one.
    newId: (parsed) => ({ id: clientMessageId(parsed) ?? randomUUID() })
  }
}

function clientMessageId(parsed: Parsed): string | null {
  const id = (parsed.body as { messages?: { messageId?: unknown }[] }).messages?.[0]?.messageId
  return typeof id === 'string' ? id : null
}

/** A local Infobip WhatsApp API posting JSON delivery, seen and inbound reports (unsigned). */
export async function startInfobipFake(options: InfobipFakeOptions = {}) {
  const o: Required<Omit<InfobipFakeOptions, 'catalog' | 'initialStatus'>> = {
    apiKey: options.apiKey ?? 'fake-infobip-api-key',
    from: options.from ?? '15550009999',
    latencyMs: options.latencyMs ?? 0
  }
  const registration = registrationState()
  const subscriptions = infobipSubscriptions()
  /** Message logs (`GET /whatsapp/2/logs`): every accepted message with its last status. */
  const logs = new Map<string, InfobipLogEntry>()
  const server = await startFakeServer(
    infobipBehaviour(
      { ...o, catalog: options.catalog, initialStatus: options.initialStatus },
      logs
    ),
    o.latencyMs,
    infobipRegistration(registration, subscriptions, o.apiKey)
  )

  function report(event: FakeStatus) {
    const e = withRequest(event, server.find)
    const at = e.at ?? Date.now()
    const base = { messageId: e.id, to: digits(e.to) }
    if (e.status === 'SEEN')
      return {
        kind: 'seen',
        url: e.request?.callbackUrl,
        result: { ...base, from: o.from, sentAt: infobipTime(at - 1000), seenAt: infobipTime(at) }
      }
    const status = INFOBIP_STATUS[e.status]
    if (!status) throw new Error(`Infobip fake: unknown status ${e.status}`)
    markStatus(e.id, e.status, at)
    const error = e.error
      ? {
          groupId: 1,
          groupName: 'HANDSET_ERRORS',
          id: Number(e.error.code),
          name: e.error.title ?? 'EC_UNKNOWN',
          description: e.error.detail ?? e.error.title ?? '',
          permanent: true
        }
      : NO_ERROR
    const result: Record<string, unknown> = {
      bulkId: 'bulk-1',
      ...base,
      sentAt: infobipTime(at - 1000),
      doneAt: infobipTime(at),
      messageCount: 1,
      price: { pricePerMessage: 0, currency: 'EUR' },
      status,
      error
    }
    if (e.ourId) result.callbackData = e.ourId
    return { kind: 'dlr', url: e.request?.callbackUrl, result }
  }
  /** The message's status in the logs, whether or not a report about it is ever posted. */
  function markStatus(id: string, status: string, at = Date.now()): void {
    const entry = logs.get(id)
    if (entry) logs.set(id, { ...entry, status, at })
  }
  function inbound(event: FakeInbound) {
    const message: Record<string, unknown> = { type: 'TEXT', text: event.text }
    if (event.quotedId) message.context = { from: o.from, id: event.quotedId }
    return {
      kind: 'inbound',
      url: undefined,
      result: {
        from: digits(event.from),
        to: o.from,
        integrationType: 'WHATSAPP',
        receivedAt: infobipTime(event.at ?? Date.now()),
        messageId: event.id ?? randomUUID(),
        pairedMessageId: null,
        callbackData: null,
        message,
        contact: { name: event.name ?? 'Zoë' },
        price: { pricePerMessage: 0, currency: 'EUR' }
      }
    }
  }

  /**
   * Reports go to the message's `notifyUrl` (else `options.url`); inbound messages to
   * `options.url`, else the URL of the profile their subscription references. With `batch`,
   * results of the same kind and URL share one POST, as Infobip groups them.
   */
  function render(events: FakeEvent[], options: EmitOptions = {}): RenderedCallback[] {
    const items = events.map((e) => (e.kind === 'status' ? report(e) : inbound(e)))
    const groups: { key: string; url: string; results: unknown[] }[] = []
    for (const item of items) {
      const url = item.url ?? options.url ?? (item.kind === 'inbound' ? registration.url : null)
      if (!url) throw new Error('Infobip fake: no notifyUrl on the message and no options.url')
      const key = `${item.kind} ${url}`
      const open = options.batch ? groups.find((g) => g.key === key) : undefined
      if (open) open.results.push(item.result)
      else groups.push({ key, url, results: [item.result] })
    }
    const rendered = groups.map((g) => {
      const body = g.key.startsWith('inbound')
        ? { results: g.results, messageCount: g.results.length, pendingMessageCount: 0 }
        : { results: g.results }
      return {
        url: g.url,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(body))
      }
    })
    return finishRender(rendered, options)
  }

  return {
    ...server,
    type: 'infobip' as const,
    options: o,
    account(config: Record<string, unknown> = {}): ProviderAccount {
      return {
        id: 'infobip-fake',
        type: 'infobip',
        name: 'Infobip fake',
        callbackToken: 'token',
        ratePerSecond: 50,
        config: { apiKey: o.apiKey, from: o.from, baseUrl: server.url, ...config }
      }
    },
    render,
    logs,
    markStatus,
    /**
     * The Subscriptions API's requests and scripted fault; `url` is where inbound messages go:
     * the notification profile of the subscription to INBOUND_MESSAGE.
     */
    registration,
    /** Profiles and subscriptions as the Subscriptions API holds them. */
    subscriptions,
    emit: (events: FakeEvent[], options: EmitOptions = {}) =>
      deliver(render(events, options), options)
  }
}
export type InfobipFake = Awaited<ReturnType<typeof startInfobipFake>>
