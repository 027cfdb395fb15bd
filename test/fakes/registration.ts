import type { IncomingHttpHeaders } from 'node:http'
import { header, type Answer } from './server'

/**
 * The providers' callback-URL registration endpoints, for the fakes. Each fake keeps the URL
 * registered last and posts its callbacks there when a test gives no other URL, as the real
 * provider would. Every registration request is kept in `requests` (method, path, body).
 */
export interface RegistrationState {
  /** The callback URL registered last (null: none yet). */
  url: string | null
  requests: { method: string; path: string; body: string; at: number }[]
  /** Answers every registration request with this instead (refused or broken account). */
  fault: Answer | null
}

export type RegistrationRoute = (
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  raw: Buffer
) => Promise<Answer | null>

export function registrationState(): RegistrationState {
  return { url: null, requests: [], fault: null }
}

export function json(raw: Buffer): Record<string, unknown> | null {
  try {
    const value = JSON.parse(raw.toString('utf8')) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Wraps a provider route: records the request, applies the scripted fault, checks auth. */
export function route(
  state: RegistrationState,
  matches: (method: string, path: string) => boolean,
  authorized: (headers: IncomingHttpHeaders) => boolean,
  unauthorized: Answer,
  handle: (method: string, path: string, raw: Buffer) => Promise<Answer> | Answer
): RegistrationRoute {
  return async (method, path, headers, raw) => {
    const bare = path.split('?')[0] ?? ''
    if (!matches(method, bare)) return null
    state.requests.push({ method, path, body: raw.toString('utf8'), at: Date.now() })
    if (!authorized(headers)) return unauthorized
    if (state.fault) return state.fault
    return handle(method, path, raw)
  }
}

const graphError = (status: number, code: number, message: string): Answer => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'fake' } }
})

/**
 * Meta: `POST /{v}/{phone-number-id}` with `webhook_configuration`; Meta first verifies the URL
 * with its GET challenge and refuses it when the echo is wrong. `GET …?fields=webhook_configuration`
 * reads it back.
 */
export function metaRegistration(
  state: RegistrationState,
  o: { accessToken: string; phoneNumberId: string; appUrl: string },
  challenge: (url: string, verifyToken: string) => Promise<{ ok: boolean; status: number }>
): RegistrationRoute {
  const node = new RegExp(`^/v\\d+\\.\\d+/${o.phoneNumberId}$`)
  return route(
    state,
    (method, path) => (method === 'POST' || method === 'GET') && node.test(path),
    (h) => header(h, 'authorization') === `Bearer ${o.accessToken}`,
    graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token'),
    async (method, path, raw) => {
      if (method === 'GET') {
        if (!path.includes('fields=webhook_configuration'))
          return { status: 200, body: { id: o.phoneNumberId } }
        // `application`: the app's default callback URL, where template webhooks go.
        const config: Record<string, string> = { application: o.appUrl }
        if (state.url) config.phone_number = state.url
        return { status: 200, body: { webhook_configuration: config, id: o.phoneNumberId } }
      }
      const body = json(raw)
      const conf = body?.webhook_configuration as Record<string, unknown> | undefined
      const uri = conf?.override_callback_uri
      const token = conf?.verify_token
      if (typeof uri !== 'string' || typeof token !== 'string')
        return graphError(
          400,
          100,
          '(#100) webhook_configuration needs override_callback_uri and verify_token'
        )
      let verified: { ok: boolean; status: number }
      try {
        verified = await challenge(uri, token)
      } catch (err) {
        verified = { ok: false, status: 0 }
        void err
      }
      if (!verified.ok)
        return graphError(
          400,
          2200,
          `(#2200) Callback verification failed with the following errors: HTTP Status Code = ${verified.status}`
        )
      state.url = uri
      return { status: 200, body: { success: true } }
    }
  )
}

/** 360dialog: `POST /v1/configs/webhook {url}` with `D360-API-KEY`. */
export function d360Registration(state: RegistrationState, apiKey: string): RegistrationRoute {
  return route(
    state,
    (method, path) => method === 'POST' && path === '/v1/configs/webhook',
    (h) => header(h, 'd360-api-key') === apiKey,
    {
      status: 401,
      body: { meta: { success: false, httpCode: 401, developerMessage: 'Invalid api key' } }
    },
    (_m, _p, raw) => {
      const url = json(raw)?.url
      if (typeof url !== 'string' || !/^https?:\/\//.test(url))
        return {
          status: 400,
          body: { meta: { success: false, httpCode: 400, developerMessage: 'url is required' } }
        }
      state.url = url
      return { status: 200, body: { url } }
    }
  )
}

/** Twilio Senders API: list WhatsApp senders, update one's `webhook.callback_url`. */
export function twilioRegistration(
  state: RegistrationState,
  o: { accountSid: string; authToken: string; from: string; senderSid: string }
): RegistrationRoute {
  const basic = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`
  const sender = () => ({
    sid: o.senderSid,
    status: 'ONLINE',
    sender_id: `whatsapp:${o.from}`,
    webhook: { callback_url: state.url, callback_method: 'POST' },
    url: `https://messaging.twilio.com/v2/Channels/Senders/${o.senderSid}`
  })
  return route(
    state,
    (method, path) =>
      (method === 'GET' && path === '/v2/Channels/Senders') ||
      (method === 'POST' && path.startsWith('/v2/Channels/Senders/')),
    (h) => header(h, 'authorization') === basic,
    { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } },
    (method, path, raw) => {
      if (method === 'GET') return { status: 200, body: { senders: [sender()], meta: { page: 0 } } }
      if (path.split('/')[4] !== o.senderSid)
        return {
          status: 404,
          body: { code: 20404, message: 'The requested resource was not found', status: 404 }
        }
      const url = (json(raw)?.webhook as Record<string, unknown> | undefined)?.callback_url
      if (typeof url !== 'string')
        return {
          status: 400,
          body: { code: 21610, message: 'webhook.callback_url is invalid', status: 400 }
        }
      state.url = url
      return { status: 200, body: sender() }
    }
  )
}
