/** Retries after the first attempt before a transient failure becomes a dispatch error. */
export const MAX_RETRIES = 4

/**
 * Delay before retry number `retry` (1-based): exponential backoff with equal jitter, capped at
 * 30 s; a provider's Retry-After wins when it is longer (plus a little jitter so a whole batch
 * that got 429 together does not come back in lockstep).
 */
export function retryDelayMs(retry: number, baseMs: number, retryAfterMs?: number): number {
  const exp = Math.min(30_000, baseMs * 2 ** (retry - 1))
  const backoff = exp / 2 + Math.random() * (exp / 2)
  if (retryAfterMs !== undefined && retryAfterMs > backoff)
    return retryAfterMs + Math.random() * Math.min(1000, retryAfterMs * 0.1)
  return backoff
}
