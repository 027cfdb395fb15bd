import { createHmac, timingSafeEqual } from 'node:crypto'
import { MalformedCallbackError, type RawCallback } from './types'

/**
 * Providers send WhatsApp ids as digits ('15551234567') or 'whatsapp:+1555…': always E.164 out.
 * Anything that is not a phone number (a BSUID like 'whatsapp:US.1234', a placeholder) is null:
 * a user id must never be turned into a phone (spec §4).
 */
export function toE164(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const text = String(value)
    .trim()
    .replace(/^whatsapp:/i, '')
  if (!/^\+?[\d\s().-]+$/.test(text)) return null
  const digits = text.replace(/[^\d]/g, '')
  return digits && digits.length <= 15 ? `+${digits}` : null
}

/** A business-scoped user id (`US.1349…`, `US.ENT.…`), with any `whatsapp:` prefix removed. */
export function toUserId(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim().replace(/^whatsapp:/i, '')
  return /^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/.test(text) ? text : null
}

/** Recipients go to the provider as digits without '+' (Meta, Gupshup, Infobip). */
export const digitsOf = (e164: string): string => e164.replace(/[^\d]/g, '')

export function headerOf(raw: RawCallback, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(raw.headers)) {
    if (key.toLowerCase() !== wanted) continue
    return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

/** Constant-time comparison of two strings; false when the lengths differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export const hmacHex = (algorithm: string, key: string, data: Buffer | string): string =>
  createHmac(algorithm, key).update(data).digest('hex')

export function parseJsonBody(raw: RawCallback): unknown {
  try {
    return JSON.parse(raw.rawBody.toString('utf8'))
  } catch {
    throw new MalformedCallbackError('Body is not valid JSON')
  }
}

/** Unix seconds (Meta sends a string) or epoch ms (Gupshup v3) → epoch ms. */
export function epochMs(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() ? Number(value) : value
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null
  return n > 1e12 ? Math.round(n) : Math.round(n * 1000)
}

/** ISO times; Infobip writes offsets as '+0000', which not every parser accepts. */
export function isoMs(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const fixed = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
  const ms = Date.parse(fixed)
  return Number.isNaN(ms) ? null : ms
}
