import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** What a scripted recipient gets instead of a normal answer. */
export type Fault =
  /** An HTTP error with the provider's own error body; `code` defaults per provider and status. */
  | { kind: 'http'; status: number; code?: string | number; message?: string; retryAfter?: string }
  /** Waits `ms`, then answers normally (the request is accepted even if the client gave up). */
  | { kind: 'slow'; ms: number }
  /** Destroys the socket without an answer (the request is refused: nothing is sent). */
  | { kind: 'drop' }
  /**
   * Accepts the message (it is recorded and would reach the recipient), then destroys the socket
   * before answering: the sender cannot know it went (issue #19's lost answer).
   */
  | { kind: 'acceptThenDrop' }
  /** Answers 2xx but refuses this message in the body (Infobip REJECTED); others answer 400. */
  | { kind: 'refuse' }

/** One request the fake accepted, in provider-neutral terms plus the raw shape. */
export interface AcceptedRequest {
  providerMessageId: string
  /** Recipient in E.164. */
  to: string
  /** Our id as echoed by the provider, when the request carried one. */
  ourId: string | null
  /** Where the provider would post this message's status callbacks (Twilio, Infobip). */
  callbackUrl: string | null
  template: { name: string; language: string | null; params: string[] }
  headers: IncomingHttpHeaders
  /** The parsed body: JSON object or form fields. */
  body: unknown
  at: number
  /** Provider-specific extras (Gupshup's WhatsApp id). */
  extra: Record<string, string>
}

export interface Attempt {
  to: string | null
  status: number | 'dropped'
}

export type Parsed = Omit<AcceptedRequest, 'providerMessageId' | 'headers' | 'at' | 'extra'>

export type Answer = { status: number; body: unknown; headers?: Record<string, string> }

/** The provider-specific half of a fake: routing, auth, validation, bodies. */
export interface Behaviour {
  matches(method: string, path: string): boolean
  authenticate(headers: IncomingHttpHeaders, path: string): boolean
  authError(): Answer
  /** Validates like the real API; an Answer is a validation error. */
  parse(raw: Buffer, headers: IncomingHttpHeaders, path: string): Parsed | Answer
  error(status: number, code: string | number | undefined, message: string | undefined): Answer
  accept(parsed: Parsed, id: string, extra: Record<string, string>): Answer
  refuse?(parsed: Parsed): Answer
  /** The provider's id for an accepted message (Infobip keeps a client-chosen `messageId`). */
  newId(parsed: Parsed): { id: string; extra?: Record<string, string> }
  /** Other endpoints (template lists): an Answer when this request is one of them. */
  route?(method: string, url: URL, headers: IncomingHttpHeaders): Answer | null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body)
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    ...(answer.headers ?? {})
  })
  res.end(body)
}

/** A route beside the messages API (e.g. callback URL registration); null: not this route. */
export type ExtraRoute = (
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  raw: Buffer
) => Promise<Answer | null>

export async function startFakeServer(
  behaviour: Behaviour,
  latencyMs = 0,
  extraRoute?: ExtraRoute
) {
  const scripts = new Map<string, { fault: Fault; remaining: number }[]>()
  const requests: AcceptedRequest[] = []
  const byId = new Map<string, AcceptedRequest>()
  const attempts: Attempt[] = []
  const state = { latencyMs }

  function nextFault(to: string): Fault | null {
    const queue = scripts.get(to)
    const head = queue?.[0]
    if (!queue || !head) return null
    head.remaining -= 1
    if (head.remaining <= 0) queue.shift()
    return head.fault
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    if (state.latencyMs > 0) await sleep(state.latencyMs)
    const path = req.url ?? '/'
    const other = extraRoute ? await extraRoute(req.method ?? '', path, req.headers, raw) : null
    if (other) return send(res, other)
    const routed = behaviour.route?.(req.method ?? '', new URL(path, 'http://fake'), req.headers)
    if (routed) return send(res, routed)
    if (!behaviour.matches(req.method ?? '', path.split('?')[0] ?? ''))
      return send(res, behaviour.error(404, undefined, `No route ${req.method} ${path}`))
    if (!behaviour.authenticate(req.headers, path)) {
      attempts.push({ to: null, status: 401 })
      return send(res, behaviour.authError())
    }
    const parsed = behaviour.parse(raw, req.headers, path)
    if ('status' in parsed) {
      attempts.push({ to: null, status: parsed.status })
      return send(res, parsed)
    }
    const fault = nextFault(parsed.to)
    if (fault?.kind === 'drop') {
      attempts.push({ to: parsed.to, status: 'dropped' })
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'http') {
      attempts.push({ to: parsed.to, status: fault.status })
      const answer = behaviour.error(fault.status, fault.code, fault.message)
      if (fault.retryAfter !== undefined)
        answer.headers = { ...answer.headers, 'retry-after': fault.retryAfter }
      return send(res, answer)
    }
    if (fault?.kind === 'refuse') {
      const answer = behaviour.refuse?.(parsed) ?? behaviour.error(400, undefined, undefined)
      attempts.push({ to: parsed.to, status: answer.status })
      return send(res, answer)
    }
    if (fault?.kind === 'slow') await sleep(fault.ms)
    const { id, extra = {} } = behaviour.newId(parsed)
    const accepted = {
      ...parsed,
      providerMessageId: id,
      headers: req.headers,
      at: Date.now(),
      extra
    }
    requests.push(accepted)
    byId.set(id, accepted)
    const answer = behaviour.accept(parsed, id, extra)
    if (fault?.kind === 'acceptThenDrop') {
      attempts.push({ to: parsed.to, status: 'dropped' })
      req.socket.destroy()
      return
    }
    attempts.push({ to: parsed.to, status: answer.status })
    send(res, answer)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        send(res, { status: 500, body: { fakeError: String(error) } })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests the fake accepted, in arrival order: each one a message the recipient gets. */
    requests,
    /** How many messages each recipient got (E.164 → count): more than 1 is a duplicate. */
    deliveriesPerRecipient(): Map<string, number> {
      const counts = new Map<string, number>()
      for (const r of requests) counts.set(r.to, (counts.get(r.to) ?? 0) + 1)
      return counts
    },
    /** Every request that reached a recipient decision (accepted, refused, faulted). */
    attempts,
    /** Queues a fault for one recipient (E.164), for the next `times` requests (default: all). */
    script(to: string, fault: Fault, times = Number.POSITIVE_INFINITY): void {
      const queue = scripts.get(to) ?? []
      queue.push({ fault, remaining: times })
      scripts.set(to, queue)
    },
    clearScripts: (): void => scripts.clear(),
    setLatency(ms: number): void {
      state.latencyMs = ms
    },
    find: (providerMessageId: string): AcceptedRequest | undefined => byId.get(providerMessageId),
    async close(): Promise<void> {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
export type FakeServer = Awaited<ReturnType<typeof startFakeServer>>

/** Headers are case-insensitive and may repeat; fakes only ever need the first value. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

export const isAnswer = (value: unknown): value is Answer =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value
