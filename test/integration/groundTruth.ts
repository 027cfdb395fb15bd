import type { FakeEvent, RenderedCallback } from '../fakes'

/**
 * The ground truth of the lifecycle audit: what the provider reports for each accepted message,
 * who replies and who buys. Every expected number of the audit is counted from these plans, never
 * read back from the code under test.
 */
export type Final = 'delivered' | 'read' | 'failed' | 'sent' | 'none'
type Step = [status: 'sent' | 'delivered' | 'read' | 'failed', code?: number]

const UNDELIVERABLE = 131026
const ECOSYSTEM = 131049
/** Statuses in provider time order for the j-th accepted message (j % 20), and the best evidence. */
const PLANS: [Step[], Final][] = [
  [[['sent'], ['delivered']], 'delivered'],
  [[['sent'], ['delivered']], 'delivered'],
  [[['sent'], ['delivered']], 'delivered'],
  [[['sent'], ['delivered'], ['read']], 'read'],
  [[['sent'], ['delivered'], ['read']], 'read'],
  [[['read']], 'read'],
  [[['failed', UNDELIVERABLE]], 'failed'],
  [[['failed', ECOSYSTEM], ['delivered']], 'delivered'],
  [[['sent']], 'sent'],
  [[], 'none'],
  [[['delivered']], 'delivered'],
  [[['delivered']], 'delivered'],
  [[['delivered'], ['read']], 'read'],
  [[['sent'], ['failed', UNDELIVERABLE]], 'failed'],
  [[['failed', ECOSYSTEM]], 'failed'],
  [[['sent'], ['delivered']], 'delivered'],
  [[['failed', UNDELIVERABLE], ['read']], 'read'],
  [[['sent'], ['delivered'], ['read']], 'read'],
  [[['sent']], 'sent'],
  [[], 'none']
]

export interface SentMessage {
  phone: string
  providerMessageId: string
  /** When the provider accepted it (the fake's clock), epoch ms. */
  at: number
}

const MIN = 60_000
const H = 60 * MIN

export interface Truth {
  events: FakeEvent[]
  final: Map<string, Final>
  failureCode: Map<string, number>
  /** Provider time of each status per phone, as Meta sends it (whole seconds), epoch ms. */
  times: Map<string, Partial<Record<'sent' | 'delivered' | 'read' | 'failed', number>>>
  /** Attributed inbound messages and the target users they come from. */
  replies: number
  repliers: Set<string>
  /** Goal events CSV lines (phone,event,time,revenue) and what they should add up to. */
  goalLines: string[]
  converted: { target: Set<string>; control: Set<string> }
  revenue: { target: number; control: number }
}

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * Builds callbacks, replies and goal events for the accepted messages (sorted by phone so the plan
 * does not depend on dispatch order) and the control users.
 */
export function buildTruth(sent: SentMessage[], control: { phone: string; at: number }[]): Truth {
  const t: Truth = {
    events: [],
    final: new Map(),
    failureCode: new Map(),
    times: new Map(),
    replies: 0,
    repliers: new Set(),
    goalLines: [],
    converted: { target: new Set(), control: new Set() },
    revenue: { target: 0, control: 0 }
  }
  const sorted = [...sent].sort((a, b) => a.phone.localeCompare(b.phone))
  sorted.forEach((m, j) => {
    const [steps, final] = PLANS[j % PLANS.length]!
    t.final.set(m.phone, final)
    const times: Partial<Record<'sent' | 'delivered' | 'read' | 'failed', number>> = {}
    t.times.set(m.phone, times)
    steps.forEach(([status, code], k) => {
      if (code && final === 'failed') t.failureCode.set(m.phone, code)
      times[status] = Math.floor((m.at + (k + 1) * 5000) / 1000) * 1000
      t.events.push({
        kind: 'status',
        id: m.providerMessageId,
        status,
        at: m.at + (k + 1) * 5000,
        ...(code ? { error: { code, title: 'Message undeliverable' } } : {})
      })
    })
    // Replies: quoted (some twice), unquoted (attributed to the last message sent to the phone).
    if (j % 25 === 0 || j % 25 === 3) {
      t.repliers.add(m.phone)
      const quoted = j % 25 === 0
      t.events.push({
        kind: 'inbound',
        from: m.phone,
        text: quoted ? 'Yes please' : '=SUM(A1) is this the offer?',
        at: m.at + 10 * MIN,
        ...(quoted ? { quotedId: m.providerMessageId } : {})
      })
      t.replies++
      if (j % 50 === 0) {
        t.events.push({
          kind: 'inbound',
          from: m.phone,
          text: 'And my friend too',
          at: m.at + 20 * MIN,
          quotedId: m.providerMessageId
        })
        t.replies++
      }
    }
    // Goal events: inside the 48 h window (one or two), after it, before the send, another event.
    const goal = (at: number, revenue: number, event = 'purchase') =>
      t.goalLines.push(`${m.phone},${event},${iso(at)},${revenue}`)
    if (j % 7 === 0) {
      goal(m.at + H, 100)
      t.converted.target.add(m.phone)
      t.revenue.target += 100
      if (j % 14 === 0) {
        goal(m.at + 2 * H, 50.25)
        t.revenue.target += 50.25
      }
    } else if (j % 7 === 1) goal(m.at + 72 * H, 999)
    else if (j % 7 === 2) goal(m.at - H, 999)
    else if (j % 7 === 3) goal(m.at + H, 999, 'view_item')
  })
  control.forEach((c, i) => {
    if (i % 5 === 0) {
      t.goalLines.push(`${c.phone},purchase,${iso(c.at + 3 * H)},80`)
      t.converted.control.add(c.phone)
      t.revenue.control += 80
    } else if (i % 5 === 1) t.goalLines.push(`${c.phone},purchase,${iso(c.at + 50 * H)},80`)
  })
  return t
}

/** Deterministic PRNG (mulberry32) for the shuffles. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
export const countOf = <T>(xs: Iterable<T>, f: (x: T) => boolean): number =>
  [...xs].filter(f).length

interface MetaBody {
  entry: { changes: { value: { statuses?: { id: string }[] } }[] }[]
}

/** Status reports in these Meta POSTs (every delivery counted) for the given provider ids. */
export function statusesFor(posts: RenderedCallback[], ids: Set<string>): number {
  return sum(
    posts.map((post) => {
      const body = JSON.parse(post.body.toString('utf8')) as MetaBody
      const statuses = body.entry.flatMap((e) => e.changes.flatMap((ch) => ch.value.statuses ?? []))
      return countOf(statuses, (st) => ids.has(st.id))
    })
  )
}

/** Two-sided p-value of a z score (Abramowitz–Stegun 7.1.26 erfc, error < 1.5e-7). */
export function twoSidedP(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const k = 1 / (1 + 0.3275911 * x)
  const poly =
    k *
    (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))))
  return Math.min(1, poly * Math.exp(-x * x))
}
