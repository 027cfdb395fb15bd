import type { FetchTrigger, FetchOutcome } from '../db/repos/reconcileRepo'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Analytics lag: ended campaigns are fetched daily for this long after they end (spec §6). */
export const AFTER_END_MS = 7 * DAY
/** A fetch a provider's request limit held back goes again once a limit's minute has passed. */
export const RATE_RETRY_MS = MINUTE

/** What the scheduler knows of one campaign when it decides. */
export interface DueFacts {
  lastLookup: { at: number; outcome: FetchOutcome; trigger: FetchTrigger } | null
  lastAnalytics: { at: number; outcome: FetchOutcome; trigger: FetchTrigger } | null
  /** Sent messages with no report yet. */
  awaiting: boolean
  /** Null while it sends (or is paused). */
  completedAt: number | null
}

/**
 * Whether the provider's records of a campaign are due now and why (spec §6): hourly while it
 * has messages awaiting a report, daily for 7 days after it ends (analytics lag), and a minute
 * after a fetch the provider's rate limit held back. Fetches on demand and when a callback gap
 * closes are not scheduled here.
 */
export function dueTrigger(facts: DueFacts, now: number): FetchTrigger | null {
  const fetches = [facts.lastLookup, facts.lastAnalytics]
  for (const f of fetches)
    if (f?.outcome === 'rate_limited' && now - f.at >= RATE_RETRY_MS)
      return f.trigger === 'daily' ? 'daily' : 'hourly'
  const last = Math.max(...fetches.map((f) => f?.at ?? 0))
  if (facts.awaiting && now - last >= HOUR) return 'hourly'
  const ended = facts.completedAt
  if (ended !== null && now - ended <= AFTER_END_MS && now - last >= DAY) return 'daily'
  return null
}
