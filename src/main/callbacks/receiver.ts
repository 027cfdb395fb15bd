import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import type { ProviderAccount } from '../providers/providerAccounts'
import {
  MalformedCallbackError,
  type CallbackEvent,
  type ProviderAdapter,
  type RawCallback
} from '../providers/types'
import { safeEqual } from '../http/auth'
import { readBody, RequestAbortedError } from '../http/body'
import { send, sendError } from '../http/respond'
import { MAX_BODY_BYTES, redactPath } from './http'
import type { Inbox, RejectReason } from './inbox'
import { PROBE_HEADER, PROBE_PATH, verifyProbe } from './probe'
import { urlOn } from '../http/url'

export interface ReceiverDeps {
  findAccount(id: string): ProviderAccount | undefined
  adapterFor(type: ProviderType): ProviderAdapter | undefined
  inbox: Inbox
  probeSecret(): string
  /** The public base (tunnel or --public-url), else the loopback listener: engine/hooks.ts. */
  callbackBase(): string
  /** `POST /hooks/events/<token>`: live goal events. */
  handleEvents(req: IncomingMessage, res: ServerResponse, token: string): Promise<void>
  log(message: string, err?: unknown): void
  /** The engine's clock: a callback's arrival time (and a refusal's). */
  now(): number
}

const ACCOUNT_TTL_MS = 2000
const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

/**
 * The receive contract of `/hooks/<providerId>/<token>` (spec §4): token (constant time), body
 * limit, provider signature on the raw bytes, parse, durable inbox commit, then 2xx. The path and
 * token are checked before the body is read so a stranger cannot make us buffer a megabyte.
 */
export function createReceiver(deps: ReceiverDeps) {
  // Accounts are decrypted once per TTL instead of per request (hot path under load); the TTL
  // is a timer (monotonic), not the engine's time.
  const accounts = new Map<string, { account: ProviderAccount; at: number }>()
  function account(id: string): ProviderAccount | undefined {
    const now = performance.now()
    const hit = accounts.get(id)
    if (hit && now - hit.at < ACCOUNT_TTL_MS) return hit.account
    const found = deps.findAccount(id)
    if (found) accounts.set(id, { account: found, at: now })
    else accounts.delete(id)
    return found
  }

  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    providerId: string,
    reason: RejectReason,
    status: number,
    message: string,
    body?: Buffer
  ): void {
    deps.inbox.reject({
      providerId,
      reason,
      at: deps.now(),
      method: req.method ?? '',
      path: redactPath((req.url ?? '').split('?')[0] ?? ''),
      status,
      detail: message.slice(0, 300),
      bodyExcerpt: body ? body.subarray(0, 300).toString('utf8') : undefined
    })
    if (!req.complete) req.resume()
    sendError(res, status, reason, message)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    const path = queryAt < 0 ? url : url.slice(0, queryAt)
    if (path === PROBE_PATH) return probe(req, res)
    const parts = path.split('/')
    if (parts.length === 4 && parts[2] === 'events') return deps.handleEvents(req, res, parts[3]!)
    const found = parts.length === 4 && parts[3] ? account(parts[2]!) : undefined
    if (!found) return refuse(req, res, '', 'unknown_provider', 404, 'No such callback path')
    if (!safeEqual(parts[3]!, found.callbackToken))
      return refuse(req, res, found.id, 'bad_token', 401, 'Wrong callback token')
    if (req.method === 'GET' && found.type === 'meta')
      return metaVerification(req, res, found, url.slice(queryAt + 1))
    if (req.method !== 'POST')
      return refuse(req, res, found.id, 'method', 405, 'Callbacks are POST requests')

    const read = await readBody(req, MAX_BODY_BYTES)
    if (!read.ok) return refuse(req, res, found.id, 'oversized', 413, 'Body is larger than 1 MiB')
    const rawBody = read.body
    if (req.headers[PROBE_HEADER] !== undefined) {
      // A self-test through this provider's path proves its token works; never stored.
      const nonce = verifyProbe(deps.probeSecret(), header(req, PROBE_HEADER), rawBody)
      if (nonce) return send(res, 200, JSON.stringify({ probe: nonce }))
      return refuse(req, res, found.id, 'bad_signature', 401, 'Bad probe signature', rawBody)
    }
    const adapter = deps.adapterFor(found.type)
    if (!adapter)
      return sendError(res, 503, 'unavailable', `No ${found.type} adapter in this build`)
    // Twilio signs the URL it called: the public one. Behind localtunnel the Host header is
    // rewritten to 127.0.0.1, so the URL is rebuilt from the public base, never from Host.
    const base = deps.callbackBase()
    const raw: RawCallback = {
      method: 'POST',
      publicUrl: urlOn(base, url),
      headers: req.headers,
      rawBody
    }
    const verdict = adapter.verifyCallback(found, raw)
    if (verdict === 'missing_signature')
      return refuse(
        req,
        res,
        found.id,
        'missing_signature',
        401,
        'Signature header missing',
        rawBody
      )
    if (verdict === 'invalid_signature')
      return refuse(req, res, found.id, 'bad_signature', 401, 'Signature does not match', rawBody)
    let events: CallbackEvent[]
    try {
      events = adapter.parseCallback(found, raw)
    } catch (err) {
      if (!(err instanceof MalformedCallbackError)) throw err
      return refuse(req, res, found.id, 'malformed', 400, err.message, rawBody)
    }
    const committed = await deps.inbox.append(found.id, rawBody, events, deps.now())
    if (!committed)
      return sendError(res, 503, 'unavailable', 'Could not store the callback; retry later')
    if (found.type === 'twilio') return send(res, 200, TWIML_EMPTY, 'text/xml')
    send(res, 200, '{"ok":true}')
  }

  /** Meta's subscription check: echo hub.challenge when hub.verify_token matches. */
  function metaVerification(
    req: IncomingMessage,
    res: ServerResponse,
    found: ProviderAccount,
    query: string
  ): void {
    req.resume()
    const params = new URLSearchParams(query)
    const expected = String(found.config.verifyToken ?? '')
    const given = params.get('hub.verify_token') ?? ''
    if (params.get('hub.mode') === 'subscribe' && expected && safeEqual(given, expected))
      return send(res, 200, params.get('hub.challenge') ?? '', 'text/plain')
    refuse(req, res, found.id, 'bad_token', 403, 'hub.verify_token does not match')
  }

  async function probe(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST')
      return refuse(req, res, '', 'method', 405, 'Probes are POST requests')
    const read = await readBody(req, MAX_BODY_BYTES)
    if (!read.ok) return refuse(req, res, '', 'oversized', 413, 'Body is larger than 1 MiB')
    const nonce = verifyProbe(deps.probeSecret(), header(req, PROBE_HEADER), read.body)
    if (nonce) return send(res, 200, JSON.stringify({ probe: nonce }))
    refuse(req, res, '', 'bad_signature', 401, 'Bad probe signature')
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof RequestAbortedError) return
      deps.log('callback request failed', err)
      sendError(res, 500, 'internal', 'Internal error')
    })
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}
