import { createHash, timingSafeEqual } from 'node:crypto'

/** Constant-time string equality (hashing first makes the lengths equal). */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** Whether an Authorization header carries exactly `Bearer <token>` (constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  return safeEqual(header ?? '', `Bearer ${token}`)
}
