import type { RawCallback } from '../../src/main/providers/types'
import type { AcceptedRequest } from './server'

/** A status the fake reports, in the provider's own vocabulary ('undelivered', 'DELIVERED', …). */
export interface FakeStatus {
  kind: 'status'
  /** The id the fake answered with (or any id, to test unmatched callbacks). */
  id: string
  status: string
  /** Event time, epoch ms (default: now). */
  at?: number
  /** Filled from the accepted request when omitted. */
  to?: string
  ourId?: string | null
  error?: { code: string | number; title?: string; detail?: string }
  /** Meta: the status's `pricing` object (default: marketing, regular on sent/delivered); null = none. */
  pricing?: { category: string; type?: string; billable?: boolean; pricing_model?: string } | null
}

/** A message from a user to the business. */
export interface FakeInbound {
  kind: 'inbound'
  from: string
  text: string
  id?: string
  /** The provider id of the campaign message being replied to. */
  quotedId?: string
  at?: number
  /** Profile name; defaults to a non-ASCII one so raw-body signature checks are exercised. */
  name?: string
}

export type FakeEvent = FakeStatus | FakeInbound

export interface EmitOptions {
  /** Where to post: the app's callback URL. Twilio/Infobip default to the URL of the request. */
  url?: string
  /** Meta/Infobip: all events in one POST (the real providers batch). */
  batch?: boolean
  /** Every POST is delivered twice. */
  duplicate?: boolean
  /** POSTs go out in reverse order (e.g. read before delivered). */
  reverse?: boolean
  /** Signs with this key instead of the account's secret (wrong-secret tests). */
  secret?: string
  /** Leaves the signature header out. */
  unsigned?: boolean
  /** Posts to this origin instead of the signed URL's (a tunnel's local end); the URL signed stays. */
  postTo?: string
  /** Re-sends a POST answered non-2xx (or not at all) up to this many times, like Meta (default 0). */
  retries?: number
  /** Wait before each retry, doubled every time (default 50 ms). */
  retryDelayMs?: number
}

/** One HTTP request exactly as the provider would send it. */
export interface RenderedCallback {
  url: string
  headers: Record<string, string>
  body: Buffer
}

export function finishRender(
  rendered: RenderedCallback[],
  options: EmitOptions
): RenderedCallback[] {
  const ordered = options.reverse ? [...rendered].reverse() : rendered
  return options.duplicate ? ordered.flatMap((r) => [r, r]) : ordered
}

/** The adapter's view of a rendered callback, as the callback server would build it. */
/** An unsigned callback carrying `body`, for parser tests that need no provider headers. */
export function rawBody(body: string): RawCallback {
  return { method: 'POST', publicUrl: 'https://x', headers: {}, rawBody: Buffer.from(body) }
}

export function toRaw(rendered: RenderedCallback): RawCallback {
  return {
    method: 'POST',
    publicUrl: rendered.url,
    headers: rendered.headers,
    rawBody: rendered.body
  }
}

/**
 * Posts rendered callbacks one after another; returns the final HTTP status of each (0 when the
 * connection failed every time).
 */
export async function deliver(
  rendered: RenderedCallback[],
  options: Pick<EmitOptions, 'postTo' | 'retries' | 'retryDelayMs'> = {}
): Promise<number[]> {
  const statuses: number[] = []
  for (const callback of rendered) {
    let target = callback.url
    if (options.postTo) {
      const signed = new URL(callback.url)
      target = `${options.postTo.replace(/\/+$/, '')}${signed.pathname}${signed.search}`
    }
    let status = 0
    for (let attempt = 0; attempt <= (options.retries ?? 0); attempt++) {
      if (attempt > 0)
        await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 50) * 2 ** (attempt - 1)))
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers: callback.headers,
          body: callback.body,
          signal: AbortSignal.timeout(10_000)
        })
        await response.arrayBuffer()
        status = response.status
      } catch {
        status = 0
      }
      if (status >= 200 && status < 300) break
    }
    statuses.push(status)
  }
  return statuses
}

/** Fills recipient and our id from what the fake accepted, as the real provider knows them. */
export function withRequest(
  event: FakeStatus,
  find: (id: string) => AcceptedRequest | undefined
): FakeStatus & { to: string; ourId: string | null; request: AcceptedRequest | undefined } {
  const request = find(event.id)
  return {
    ...event,
    to: event.to ?? request?.to ?? '+15550000000',
    ourId: event.ourId !== undefined ? event.ourId : (request?.ourId ?? null),
    request
  }
}

export const seconds = (ms: number): string => String(Math.floor(ms / 1000))
export const digits = (e164: string): string => e164.replace(/[^\d]/g, '')
