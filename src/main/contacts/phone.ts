import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max'

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string }

/** Normalises a phone to E.164; national numbers need a default country. */
export function normalisePhone(raw: string, defaultCountry?: string): PhoneResult {
  const text = raw.trim()
  if (!text) return { ok: false, reason: 'phone is empty' }
  try {
    const parsed = parsePhoneNumberWithError(text, defaultCountry as CountryCode | undefined)
    if (!parsed.isValid())
      return {
        ok: false,
        reason: `phone "${clip(text)}" is not a valid number${parsed.country ? ` for ${parsed.country}` : ''}`
      }
    return { ok: true, e164: parsed.number }
  } catch (err) {
    const code = (err as Error).message
    const reasons: Record<string, string> = {
      INVALID_COUNTRY: defaultCountry
        ? `phone "${clip(text)}" has no country code and ${defaultCountry} is not a known country`
        : `phone "${clip(text)}" has no +country code; set a default country`,
      NOT_A_NUMBER: `phone "${clip(text)}" is not a number`,
      TOO_SHORT: `phone "${clip(text)}" is too short`,
      TOO_LONG: `phone "${clip(text)}" is too long`,
      INVALID_LENGTH: `phone "${clip(text)}" has an invalid length`
    }
    return { ok: false, reason: reasons[code] ?? `phone "${clip(text)}" cannot be read: ${code}` }
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
