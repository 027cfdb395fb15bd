import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { toEventInsert, type RawEvent } from '../contacts/importEvents'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { ContactEventInsert, EventRepo } from '../db/repos/eventRepo'
import type { SettingRepo } from '../db/repos/settingRepo'
import { safeEqual } from '../http/auth'
import { readBody } from '../http/body'
import { send, sendError } from '../http/respond'
import { MAX_BODY_BYTES, redactPath } from './http'
import type { Inbox, RejectReason } from './inbox'

const TOKEN_KEY = 'events_token'
export const EVENTS_PROVIDER_ID = 'events'

export interface EventsResult {
  imported: number
  rejected: { index: number; reason: string }[]
}

/** The per-install events token, created on first use and kept in the `setting` table. */
export function eventsToken(settings: SettingRepo): string {
  return settings.once(TOKEN_KEY, () => randomBytes(24).toString('base64url'))
}

/** Validates and stores a batch of live goal events (same rules as `events.import`). */
export function importLiveEvents(
  contacts: ContactRepo,
  events: EventRepo,
  body: unknown,
  now: number
): EventsResult {
  const list: unknown[] = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.events)
      ? body.events
      : [body]
  const result: EventsResult = { imported: 0, rejected: [] }
  const rows: ContactEventInsert[] = []
  list.forEach((item, index) => {
    const raw = toRawEvent(item)
    const row = typeof raw === 'string' ? raw : toEventInsert(contacts, raw, 'api')
    if (typeof row === 'string') result.rejected.push({ index, reason: row })
    else rows.push(row)
  })
  result.imported = rows.length ? events.insertBatch(rows, now) : 0
  return result
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toRawEvent(item: unknown): RawEvent | string {
  if (!isObject(item)) return 'each event must be a JSON object'
  const { phone, event, time, revenue, properties } = item
  if (typeof phone !== 'string' && typeof phone !== 'number') return 'phone is missing'
  if (typeof event !== 'string') return 'event is missing'
  if (typeof time !== 'string' && typeof time !== 'number') return 'time is missing'
  if (
    revenue !== undefined &&
    revenue !== null &&
    typeof revenue !== 'number' &&
    typeof revenue !== 'string'
  )
    return 'revenue must be a number'
  if (properties !== undefined && !isObject(properties)) return 'properties must be an object'
  const props = Object.fromEntries(
    Object.entries(properties ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v)
    ])
  )
  return { phone: String(phone), event, time, revenue: revenue ?? null, properties: props }
}

/** `POST /hooks/events/<token>`: JSON with one event, an array, or `{events: [...]}`. */
export function createEventsEndpoint(deps: {
  settings: SettingRepo
  contacts: ContactRepo
  events: EventRepo
  inbox: Inbox
  /** The engine's clock: a refusal's time. */
  now(): number
}) {
  let token: string | null = null
  const current = (): string => (token ??= eventsToken(deps.settings))

  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    reason: RejectReason,
    status: number,
    message: string
  ): void {
    deps.inbox.reject({
      providerId: EVENTS_PROVIDER_ID,
      reason,
      at: deps.now(),
      method: req.method ?? '',
      path: redactPath((req.url ?? '').split('?')[0] ?? ''),
      status,
      detail: message
    })
    if (!req.complete) req.resume()
    sendError(res, status, reason, message)
  }

  return {
    token: current,
    async handle(req: IncomingMessage, res: ServerResponse, given: string): Promise<void> {
      if (!safeEqual(given, current()))
        return refuse(req, res, 'bad_token', 401, 'Wrong events token')
      if (req.method !== 'POST') return refuse(req, res, 'method', 405, 'Events are POST requests')
      const read = await readBody(req, MAX_BODY_BYTES)
      if (!read.ok) return refuse(req, res, 'oversized', 413, 'Body is larger than 1 MiB')
      let body: unknown
      try {
        body = JSON.parse(read.body.toString('utf8'))
      } catch {
        return refuse(req, res, 'malformed', 400, 'Body is not valid JSON')
      }
      const result = importLiveEvents(deps.contacts, deps.events, body, deps.now())
      send(res, 200, JSON.stringify(result))
    }
  }
}
