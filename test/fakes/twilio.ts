import { randomBytes } from 'node:crypto'
import { accountRoute, twilioError } from './twilioAnswers'
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
import {
  header,
  startFakeServer,
  type AcceptedRequest,
  type Answer,
  type Behaviour,
  type Parsed
} from './server'
import { registrationState, twilioRegistration } from './registration'
import { twilioSignature } from './signing'
import {
  findTemplate,
  twilioListPage,
  twilioSidOf,
  twilioVariableCount,
  type FakeCatalogOptions
} from './templates'

export interface TwilioFakeOptions {
  accountSid?: string
  authToken?: string
  /** The WhatsApp sender, E.164. */
  from?: string
  latencyMs?: number
  /**
   * The status a new Message reaches at once (with its `date_sent`); default: it stays `queued`
   * until a status is emitted or lost. `delivered`: the phone was quick.
   */
  initialStatus?: string
  /**
   * Content templates: served by `GET /v1/ContentAndApprovals` with paging, and enforced on
   * sends (63027 unknown ContentSid, 63016 not approved, 21656 wrong ContentVariables).
   */
  catalog?: FakeCatalogOptions
}

/** Twilio's refusal of a ContentSid send against the content list, or null when it may go. */
function contentRefusal(
  catalog: FakeCatalogOptions,
  sid: string,
  variables: number
): Answer | null {
  const t = findTemplate(catalog, (x) => twilioSidOf(x) === sid)
  if (!t) return twilioError(400, 63027, 'Template does not exist for a language and locale')
  if ((t.status ?? 'APPROVED') !== 'APPROVED')
    return twilioError(
      400,
      63016,
      'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.'
    )
  if (variables !== twilioVariableCount(t))
    return twilioError(400, 21656, 'The ContentVariables Parameter is invalid.')
  return null
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex')
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000')

/** What Twilio itself knows of one message: its latest status, whether or not a callback told us. */
interface MessageRecord {
  status: string
  updatedAt: number
  sentAt: number | null
  error: { code: string | number; title?: string } | null
}

/**
 * The Message resource as Twilio returns it on create and on fetch
 * (https://www.twilio.com/docs/messaging/api/message-resource#message-properties).
 */
function messageResource(
  o: { accountSid: string; from: string },
  sid: string,
  to: string,
  createdAt: number,
  record: MessageRecord
) {
  return {
    account_sid: o.accountSid,
    api_version: '2010-04-01',
    body: '',
    date_created: rfc2822(createdAt),
    date_sent: record.sentAt === null ? null : rfc2822(record.sentAt),
    date_updated: rfc2822(record.updatedAt),
    direction: 'outbound-api',
    error_code: record.error ? Number(record.error.code) : null,
    error_message: record.error?.title ?? null,
    from: `whatsapp:${o.from}`,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: null,
    sid,
    status: record.status,
    subresource_uris: {
      media: `/2010-04-01/Accounts/${o.accountSid}/Messages/${sid}/Media.json`
    },
    to: `whatsapp:${to}`,
    uri: `/2010-04-01/Accounts/${o.accountSid}/Messages/${sid}.json`
  }
}

/**
 * Twilio's Messages list, `GET /2010-04-01/Accounts/{AccountSid}/Messages.json`: filters `To`,
 * `From` and `DateSent` (`DateSent=YYYY-MM-DD`, or `DateSent>=` / `DateSent<=` a GMT date, whole
 * days, on the message's sent date), most recent first, `PageSize` (default 50, at most 1000),
 * paged by `next_page_uri`
 * (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources).
 */
function listAnswer(
  o: { accountSid: string; from: string },
  url: URL,
  records: Map<string, MessageRecord>,
  find: (sid: string) => AcceptedRequest | undefined
): Answer {
  const q = url.searchParams
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  const [to, from, on, after, before] = ['To', 'From', 'DateSent', 'DateSent>', 'DateSent<'].map(
    (k) => q.get(k)
  )
  const size = Math.min(1000, Math.max(1, Number(q.get('PageSize') ?? 50) || 50))
  const page = Math.max(0, Number(q.get('Page') ?? 0) || 0)
  const dated = on ?? after ?? before
  const all = [...records]
    .map(([sid, record]) => ({ sid, record, request: find(sid) }))
    .filter(({ request, record }) => {
      if (!request) return false
      if (to && to !== `whatsapp:${request.to}`) return false
      if (from && from !== `whatsapp:${o.from}`) return false
      // A date filter matches the sent date: a message still queued has none.
      if (!dated) return true
      if (record.sentAt === null) return false
      const sent = day(record.sentAt)
      return (!on || sent === on) && (!after || sent >= after) && (!before || sent <= before)
    })
    .sort((a, b) => (b.record.sentAt ?? b.request!.at) - (a.record.sentAt ?? a.request!.at))
  const slice = all.slice(page * size, (page + 1) * size)
  const base = `/2010-04-01/Accounts/${o.accountSid}/Messages.json`
  const pageUri = (n: number) => {
    const next = new URLSearchParams(q)
    next.set('Page', String(n))
    next.set('PageSize', String(size))
    return `${base}?${next.toString()}`
  }
  return {
    status: 200,
    body: {
      messages: slice.map(({ sid, record, request }) =>
        messageResource(o, sid, request!.to, request!.at, record)
      ),
      end: page * size + Math.max(0, slice.length - 1),
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * size < all.length ? pageUri(page + 1) : null,
      page,
      page_size: size,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start: page * size,
      uri: `${base}?${q.toString()}`
    }
  }
}

function twilioBehaviour(
  o: Required<Omit<TwilioFakeOptions, 'catalog' | 'initialStatus'>> & TwilioFakeOptions,
  records: Map<string, MessageRecord>,
  find: (sid: string) => AcceptedRequest | undefined
): Behaviour {
  const messagesPath = `/2010-04-01/Accounts/${o.accountSid}/Messages.json`
  const invalid = (code: number, message: string) => twilioError(400, code, message)
  const basic = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`
  return {
    route(method, url, headers) {
      if (method !== 'GET') return null
      const account = accountRoute(url, o.accountSid, header(headers, 'authorization') === basic)
      if (account) return account.ok ? account.answer : twilioError(401)
      // Read Message resources: a lookup of a send whose answer never came.
      if (url.pathname === messagesPath) {
        if (header(headers, 'authorization') !== basic) return twilioError(401)
        return listAnswer(o, url, records, find)
      }
      // Fetch a Message resource: a lookup of a message whose status callback never came.
      const fetch = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/.exec(url.pathname)
      if (fetch) {
        if (header(headers, 'authorization') !== basic || fetch[1] !== o.accountSid)
          return twilioError(401)
        const sid = fetch[2]!
        const request = find(sid)
        const record = records.get(sid)
        if (!request || !record)
          return twilioError(
            404,
            20404,
            `The requested resource /2010-04-01/Accounts/${o.accountSid}/Messages/${sid}.json was not found`
          )
        return { status: 200, body: messageResource(o, sid, request.to, request.at, record) }
      }
      if (!o.catalog || url.pathname !== '/v1/ContentAndApprovals') return null
      if (header(headers, 'authorization') !== basic) return twilioError(401)
      return twilioListPage(o.catalog, url, headers)
    },
    matches: (method, path) =>
      method === 'POST' && /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(path),
    authenticate(headers, path) {
      const auth = header(headers, 'authorization') ?? ''
      const expected = Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')
      return auth === `Basic ${expected}` && path.split('?')[0] === messagesPath
    },
    authError: () => twilioError(401),
    parse(raw, headers): Parsed | Answer {
      if (header(headers, 'content-type') !== 'application/x-www-form-urlencoded')
        return invalid(21619, 'A text message body or media url must be specified.')
      const form = new URLSearchParams(raw.toString('utf8'))
      const to = form.get('To') ?? ''
      if (!/^whatsapp:\+\d{8,15}$/.test(to))
        return invalid(21211, `The 'To' number ${to} is not a valid phone number.`)
      if (form.get('From') !== `whatsapp:${o.from}`)
        return invalid(63007, 'Twilio could not find a Channel with the specified From address')
      const contentSid = form.get('ContentSid')
      const text = form.get('Body')
      let params: string[] = []
      if (contentSid) {
        if (!/^HX[0-9a-fA-F]{32}$/.test(contentSid))
          return invalid(21655, 'The ContentSid is invalid.')
        try {
          const vars = JSON.parse(form.get('ContentVariables') ?? '{}') as Record<string, unknown>
          if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) throw new Error()
          params = Object.keys(vars)
            .sort((a, b) => Number(a) - Number(b))
            .map((k) => String(vars[k]))
        } catch {
          return invalid(21656, 'The ContentVariables Parameter is invalid.')
        }
        const refusal = o.catalog && contentRefusal(o.catalog, contentSid, params.length)
        if (refusal) return refusal
      } else if (!text) {
        return invalid(21619, 'A text message body or media url must be specified.')
      }
      const callback = form.get('StatusCallback')
      let ourId: string | null = null
      if (callback) {
        try {
          ourId = new URL(callback).searchParams.get('tb')
        } catch {
          return invalid(21609, 'Invalid StatusCallback url')
        }
      }
      return {
        to: to.slice('whatsapp:'.length),
        ourId,
        callbackUrl: callback,
        template: { name: contentSid ?? text ?? '', language: null, params },
        body: Object.fromEntries(form.entries())
      }
    },
    error: twilioError,
    accept(parsed, id) {
      const now = Date.now()
      const record: MessageRecord = { status: 'queued', updatedAt: now, sentAt: null, error: null }
      if (o.initialStatus) Object.assign(record, { status: o.initialStatus, sentAt: now })
      records.set(id, record)
      return { status: 201, body: messageResource(o, id, parsed.to, now, record) }
    },
    newId: () => ({ id: `SM${hex(16)}` })
  }
}

/** A local Twilio Messages API whose callbacks carry `X-Twilio-Signature` over the called URL. */
export async function startTwilioFake(options: TwilioFakeOptions = {}) {
  const o: Required<Omit<TwilioFakeOptions, 'catalog' | 'initialStatus'>> = {
    accountSid: options.accountSid ?? `AC${'0123456789abcdef'.repeat(2)}`,
    authToken: options.authToken ?? 'fake-twilio-auth-token',
    from: options.from ?? '+15550009999',
    latencyMs: options.latencyMs ?? 0
  }
  const registration = registrationState()
  const senderSid = `XE${'0123456789abcdef'.repeat(2)}`
  const records = new Map<string, MessageRecord>()
  let find: (sid: string) => AcceptedRequest | undefined = () => undefined
  const server = await startFakeServer(
    twilioBehaviour(
      { ...o, catalog: options.catalog, initialStatus: options.initialStatus },
      records,
      (sid) => find(sid)
    ),
    o.latencyMs,
    twilioRegistration(registration, { ...o, senderSid })
  )
  find = server.find

  /** Twilio's own record follows every status it reports, whether the callback arrives or not. */
  function remember(event: FakeStatus): void {
    const record = records.get(event.id)
    if (!record) return
    const at = event.at ?? Date.now()
    record.status = event.status
    record.updatedAt = at
    if (event.status === 'sent') record.sentAt = at
    else record.sentAt ??= at
    if (event.error) record.error = event.error
  }

  function statusFields(event: FakeStatus): { url: string | null; fields: Record<string, string> } {
    remember(event)
    const e = withRequest(event, server.find)
    const fields: Record<string, string> = {
      ChannelPrefix: 'whatsapp',
      ApiVersion: '2010-04-01',
      MessageStatus: e.status,
      SmsSid: e.id,
      SmsStatus: e.status,
      ChannelInstallSid: `XE${'0'.repeat(32)}`,
      To: `whatsapp:${e.to}`,
      From: `whatsapp:${o.from}`,
      MessageSid: e.id,
      AccountSid: o.accountSid,
      ChannelToAddress: `+${digits(e.to).slice(0, -4)}XXXX`
    }
    if (e.error) {
      fields.ErrorCode = String(e.error.code)
      if (e.error.title) fields.ErrorMessage = e.error.title
    }
    // Twilio posts to the StatusCallback given with the message, our `?tb=` included.
    return { url: e.request?.callbackUrl ?? null, fields }
  }
  function inboundFields(event: FakeInbound): Record<string, string> {
    const sid = event.id ?? `SM${hex(16)}`
    const fields: Record<string, string> = {
      SmsMessageSid: sid,
      NumMedia: '0',
      ProfileName: event.name ?? 'Zoë',
      MessageType: 'text',
      SmsSid: sid,
      WaId: digits(event.from),
      SmsStatus: 'received',
      Body: event.text,
      To: `whatsapp:${o.from}`,
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: o.accountSid,
      From: `whatsapp:${event.from}`,
      ApiVersion: '2010-04-01'
    }
    if (event.quotedId) {
      fields.OriginalRepliedMessageSid = event.quotedId
      fields.OriginalRepliedMessageSender = `whatsapp:${o.from}`
    }
    return fields
  }

  /** One form POST per event (Twilio never batches), signed over the exact URL it calls. */
  function render(events: FakeEvent[], options: EmitOptions = {}): RenderedCallback[] {
    const rendered = events.map((event) => {
      const built =
        event.kind === 'status' ? statusFields(event) : { url: null, fields: inboundFields(event) }
      // Replies go to the sender's inbound webhook: the one registered through the Senders API.
      const url = built.url ?? options.url ?? (event.kind === 'inbound' ? registration.url : null)
      if (!url) throw new Error('Twilio fake: no StatusCallback on the message and no options.url')
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1'
      }
      if (!options.unsigned)
        headers['x-twilio-signature'] = twilioSignature(
          options.secret ?? o.authToken,
          url,
          built.fields
        )
      return {
        url,
        headers,
        body: Buffer.from(new URLSearchParams(built.fields).toString(), 'utf8')
      }
    })
    return finishRender(rendered, options)
  }

  return {
    ...server,
    type: 'twilio' as const,
    options: o,
    account(config: Record<string, unknown> = {}): ProviderAccount {
      return {
        id: 'twilio-fake',
        type: 'twilio',
        name: 'Twilio fake',
        callbackToken: 'token',
        ratePerSecond: 80,
        config: {
          accountSid: o.accountSid,
          authToken: o.authToken,
          from: o.from,
          baseUrl: server.url,
          ...config
        }
      }
    },
    render,
    /** The sender's inbound webhook set through the Senders API (URL, requests, fault). */
    registration,
    emit: (events: FakeEvent[], options: EmitOptions = {}) =>
      deliver(render(events, options), options),
    /**
     * Statuses Twilio reached whose callbacks never arrived (a laptop asleep, a tunnel down): its
     * own record changes, nothing is posted. A lookup of the Message resource then finds them.
     */
    lose(events: FakeStatus[]): void {
      events.forEach(remember)
    }
  }
}
export type TwilioFake = Awaited<ReturnType<typeof startTwilioFake>>
