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
import {
  INFOBIP_STATUS,
  infobipError,
  infobipTime,
  LOGS_PER_MINUTE,
  logsAnswer,
  NO_ERROR,
  reportError,
  type InfobipLogEntry
} from './infobipLogs'

export { INFOBIP_STATUS, type InfobipLogEntry }

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

function infobipBehaviour(
  o: Required<Omit<InfobipFakeOptions, 'catalog' | 'initialStatus'>> & InfobipFakeOptions,
  logs: Map<string, InfobipLogEntry>,
  logQueries: URLSearchParams[]
): Behaviour {
  const invalid = (text: string) => infobipError(400, 'BAD_REQUEST', text)
  const pendingAnswer = (to: string, id: string, status = INFOBIP_STATUS.PENDING): Answer => ({
    status: 200,
    body: {
      messages: [{ to: digits(to), messageCount: 1, messageId: id, status }],
      bulkId: String(Date.now())
    }
  })
  const logReads: number[] = []
  return {
    route(method, url, headers) {
      if (method === 'GET' && url.pathname === '/whatsapp/2/logs') {
        if (header(headers, 'authorization') !== `App ${o.apiKey}`) return infobipError(401)
        const now = Date.now()
        while (logReads.length && logReads[0]! <= now - 60_000) logReads.shift()
        if (logReads.length >= LOGS_PER_MINUTE) return infobipError(429)
        logReads.push(now)
        logQueries.push(url.searchParams)
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
  const logQueries: URLSearchParams[] = []
  const server = await startFakeServer(
    infobipBehaviour(
      { ...o, catalog: options.catalog, initialStatus: options.initialStatus },
      logs,
      logQueries
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
    const error = e.error ? reportError(e.error) : NO_ERROR
    markStatus(e.id, e.status, at, e.error ? error : undefined)
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
  function markStatus(
    id: string,
    status: string,
    at = Date.now(),
    error?: Record<string, unknown>
  ): void {
    const entry = logs.get(id)
    if (entry) logs.set(id, { ...entry, status, at, ...(error ? { error } : {}) })
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
    /** The query of every logs request, in order. */
    logQueries,
    markStatus,
    /**
     * Reports Infobip made whose delivery never reached us (a laptop asleep, a tunnel down): the
     * logs hold the state, nothing is posted. A lookup of the logs then finds them.
     */
    lose(events: FakeStatus[]): void {
      for (const e of events) {
        if (e.status === 'SEEN') continue
        report(e)
      }
    },
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
