import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SettingRepo } from '../db/repos/settingRepo'

/**
 * End-to-end self-tests of the public callback path (tunnel supervisor, "Test callback").
 * A probe is `POST /hooks/probe` (or a provider's own callback path, to prove its token works)
 * with body `{"nonce": "...", "at": <ms>}` and header `X-Tickboard-Probe: sha256=<hex hmac>` over the
 * raw body with the per-install probe secret. The callback server answers 200 `{"probe": "<nonce>"}`
 * for a valid probe, 401 otherwise, and never stores probes as provider callbacks.
 */
export const PROBE_HEADER = 'x-tickboard-probe'
export const PROBE_PATH = '/hooks/probe'
const SECRET_KEY = 'probe_secret'

/** The per-install probe secret, created on first use and kept in the `setting` table. */
export function probeSecret(settings: SettingRepo): string {
  return settings.once(SECRET_KEY, () => randomBytes(32).toString('hex'))
}

export function signProbe(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`
}

/** A fresh probe body and its signature header value. */
export function makeProbe(
  secret: string,
  now = Date.now()
): { body: string; signature: string; nonce: string } {
  const nonce = randomBytes(12).toString('hex')
  const body = JSON.stringify({ nonce, at: now })
  return { body, signature: signProbe(secret, body), nonce }
}

/** Checks a probe's signature in constant time; returns its nonce when valid. */
export function verifyProbe(
  secret: string,
  header: string | undefined,
  rawBody: Buffer
): string | null {
  if (!header) return null
  const expected = Buffer.from(signProbe(secret, rawBody))
  const given = Buffer.from(header)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const nonce = (JSON.parse(rawBody.toString('utf8')) as { nonce?: unknown }).nonce
    return typeof nonce === 'string' ? nonce : null
  } catch {
    return null
  }
}
