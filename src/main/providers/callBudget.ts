/** A provider's documented request limit for one endpoint: `calls` per `perMs`. */
export interface RateLimit {
  calls: number
  perMs: number
}

/**
 * What an adapter may spend on one endpoint now. `take(n)` reserves n calls and answers 0, or
 * answers how many ms until n calls fit (nothing is reserved then): the caller stops and says
 * so instead of letting the provider refuse it.
 */
export interface CallBudget {
  take(n?: number): number
}

export const UNLIMITED: CallBudget = { take: () => 0 }

/**
 * Sliding-window budgets per key (provider account and endpoint), on the engine's clock so tests
 * can move time. Shared by every campaign of an account: the provider counts per account (Gupshup
 * per app), not per campaign.
 */
export function createCallBudgets(now: () => number) {
  const spent = new Map<string, number[]>()
  return function budget(key: string, limit: RateLimit | undefined): CallBudget {
    if (!limit) return UNLIMITED
    return {
      take(n = 1): number {
        const t = now()
        const recent = (spent.get(key) ?? []).filter((at) => at > t - limit.perMs)
        spent.set(key, recent)
        if (n > limit.calls) return limit.perMs
        if (recent.length + n <= limit.calls) {
          for (let i = 0; i < n; i++) recent.push(t)
          return 0
        }
        // The oldest calls that must age out before n more fit.
        return recent[recent.length + n - limit.calls - 1]! + limit.perMs - t
      }
    }
  }
}
export type CallBudgets = ReturnType<typeof createCallBudgets>
