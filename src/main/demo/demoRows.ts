import { CITIES, FIRST_NAMES, LAST_NAMES, TIERS, mulberry32 } from './demoPeople'

/** Deterministic rows of the synthetic campaign: one qualified user at a time, in dispatch order. */

export interface DemoRowOptions {
  campaignId: string
  now: number
  launchedAt: number
  controlPercent: number
  ratePerSecond: number
  seed: number
}

export interface DemoEvent {
  event: string
  at: number
  revenue: number | null
}

const SECOND = 1000
const NO_EVENTS: DemoEvent[] = []
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const WINDOW = 48 * HOUR

const PROPERTIES = CITIES.flatMap((city) =>
  TIERS.map((tier) => JSON.stringify({ city, tier, source: 'demo' }))
)
/** Meta failure codes with the provider's own text, weighted by how often operators see them. */
const FAILURES: [weight: number, code: string, title: string][] = [
  [40, '131026', 'Message undeliverable'],
  [22, '131049', 'This message was not delivered to maintain healthy ecosystem engagement.'],
  [10, '130472', "User's number is part of an experiment"],
  [
    8,
    '131050',
    'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.'
  ],
  [6, '131047', 'Re-engagement message'],
  [5, '131053', 'Media upload error'],
  [5, '131000', 'Something went wrong'],
  [4, '131056', '(Business Account, Consumer Account) pair rate limit hit']
]
const DISPATCH_ERRORS: [weight: number, reason: string, code: string | null, text: string][] = [
  [30, 'rate_limited', '130429', 'Rate limit hit'],
  [25, 'timeout', null, 'No answer within 30 s (4 attempts)'],
  [30, 'invalid_request', '131009', 'Parameter value is not valid'],
  [15, 'provider_error', '131000', 'Something went wrong (HTTP 500)']
]

function weighted<T extends [number, ...unknown[]]>(list: T[], r: number): T {
  const total = list.reduce((s, x) => s + x[0], 0)
  let x = r * total
  for (const item of list) if ((x -= item[0]) < 0) return item
  return list[list.length - 1]!
}

export function createDemoRows(o: DemoRowOptions) {
  const rand = mulberry32(o.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const exp = (mean: number): number => -Math.log(1 - rand()) * mean
  const gap = SECOND / o.ratePerSecond
  const tag = o.campaignId.slice(5, 13)
  let targets = 0

  const revenue = (): number => Math.round(199 + rand() * 4800)
  function purchases(anchor: number, p: number): DemoEvent[] {
    const events: DemoEvent[] = []
    // Purchases before the campaign: outside every window, they must not count.
    if (rand() < 0.03)
      events.push({
        event: 'purchase',
        at: o.launchedAt - (3 + rand() * 7) * 24 * HOUR,
        revenue: revenue()
      })
    if (rand() < p) {
      events.push({
        event: 'purchase',
        at: Math.round(anchor + rand() * WINDOW * 0.98),
        revenue: revenue()
      })
      if (rand() < 0.12)
        events.push({
          event: 'purchase',
          at: Math.round(anchor + rand() * WINDOW),
          revenue: revenue()
        })
    }
    return events.length === 0 ? NO_EVENTS : events.filter((e) => e.at <= o.now)
  }

  return {
    completedAt: (recipients: number): number =>
      o.launchedAt + Math.round(recipients * (1 - o.controlPercent / 100) * gap) + MINUTE,
    row(seq: number) {
      const id = String(seq).padStart(8, '0')
      // One object per row, filled in place: a million rows should not cost millions of copies.
      const r = {
        phone: `+9172${id}`,
        name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
        properties: pick(PROPERTIES),
        ourId: `${tag}.${id}`,
        grp: 'target',
        dispatchState: 'sent',
        dispatchError: null as string | null,
        providerCode: null as string | null,
        providerError: null as string | null,
        attempts: 0,
        setAsideAt: null as number | null,
        dispatchedAt: null as number | null,
        providerMessageId: null as string | null,
        sentAt: null as number | null,
        status: null as string | null,
        statusSentAt: null as number | null,
        deliveredAt: null as number | null,
        readAt: null as number | null,
        failedAt: null as number | null,
        failureCode: null as string | null,
        failureTitle: null as string | null,
        firstReplyAt: null as number | null,
        replyCount: 0,
        events: NO_EVENTS
      }
      if (rand() * 100 < o.controlPercent) {
        r.grp = r.dispatchState = 'control'
        r.setAsideAt = o.launchedAt
        r.events = purchases(o.launchedAt, 0.08)
        return r
      }
      const at = Math.round(o.launchedAt + targets++ * gap)
      r.dispatchedAt = at
      r.attempts = 1
      const d = rand()
      if (d < 0.004) {
        const [, reason, code, text] = weighted(DISPATCH_ERRORS, rand())
        r.dispatchState = 'error'
        r.dispatchError = reason
        r.providerCode = code
        r.providerError = text
        r.attempts = reason === 'invalid_request' ? 1 : 4
        r.events = purchases(at, 0.05)
        return r
      }
      if (d < 0.0042) {
        r.dispatchState = 'unknown'
        return r
      }
      const sentAt = at + 80 + Math.round(rand() * 400)
      r.sentAt = sentAt
      r.providerMessageId = `wamid.demo${tag}${id}`
      const s = rand()
      let p = 0.05
      if (s < 0.02) r.status = null
      else if (s < 0.05) {
        r.status = 'sent'
        r.statusSentAt = sentAt + 1500
      } else if (s < 0.1) {
        const [, code, title] = weighted(FAILURES, rand())
        r.status = 'failed'
        r.statusSentAt = sentAt + 1500
        r.failedAt = sentAt + Math.round(2000 + rand() * 30_000)
        r.failureCode = code
        r.failureTitle = title
      } else {
        r.status = 'delivered'
        r.statusSentAt = sentAt + 1500
        const deliveredAt =
          sentAt + Math.round(2000 + exp(40 * SECOND) + (rand() < 0.05 ? exp(3 * HOUR) : 0))
        r.deliveredAt = deliveredAt
        p = 0.1
        if (rand() < 0.6) {
          r.status = 'read'
          r.readAt = Math.min(o.now, deliveredAt + Math.round(exp(2.5 * HOUR)))
          p = 0.17
        }
        if (rand() < 0.05) {
          r.replyCount = rand() < 0.8 ? 1 : rand() < 0.7 ? 2 : 3
          r.firstReplyAt = Math.min(o.now, (r.readAt ?? deliveredAt) + Math.round(exp(25 * MINUTE)))
          p = 0.3
        }
      }
      r.events = purchases(sentAt, p)
      return r
    }
  }
}
