import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new user token: 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * What is stored of a token: its SHA-256. A fast hash is enough for 256-bit random tokens (no
 * dictionary to try, nothing to stretch); a human-chosen TICKBOARD_API_TOKEN is protected by the
 * sign-in rate limit instead.
 */
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

/** Constant-time comparison of two hashes (the lookup found a row; this confirms it). */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/.exec(header ?? '')
  return match ? match[1]! : null
}
