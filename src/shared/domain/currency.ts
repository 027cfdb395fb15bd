import { z } from 'zod'

/** Revenue's currency when neither the campaign nor Settings names one (the cost's default too). */
export const FALLBACK_CURRENCY = 'USD'

// ISO 4217 codes the runtime's ICU knows (Node and Chromium ship the full list).
const KNOWN: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []
)

/** An ISO 4217 currency code such as USD, INR or EUR (upper case). */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'A 3-letter ISO 4217 currency code such as USD or INR')
  .refine((c) => KNOWN.size === 0 || KNOWN.has(c), {
    message: 'Not an ISO 4217 currency code (for example USD, INR, EUR)'
  })

/** The codes offered in pickers (the runtime's list, else the common few). */
export function currencyCodes(): string[] {
  return KNOWN.size > 0 ? [...KNOWN] : ['EUR', 'GBP', 'INR', 'USD']
}

/**
 * Why no ROI can be given when revenue and cost are in different currencies (never a ratio of
 * two currencies); null when they share one.
 */
export function roiCurrencyMismatch(
  revenueCurrency: string,
  costCurrency: string | null
): string | null {
  if (costCurrency === null || revenueCurrency === costCurrency) return null
  return `No ROI: revenue in ${revenueCurrency}, cost in ${costCurrency}`
}
