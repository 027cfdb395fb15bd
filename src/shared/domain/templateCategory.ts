/** Meta's pricing categories, lower case (the `pricing.category` of status webhooks uses them). */
export const TEMPLATE_CATEGORIES = ['marketing', 'utility', 'authentication'] as const
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number]

/**
 * A provider's category label as one of ours: `MARKETING`, `Marketing`, `UTILITY`,
 * `TRANSACTIONAL` (Gupshup's older name for utility), `OTP` (Gupshup/Infobip for authentication).
 * Anything else is unknown (null), never guessed.
 */
export function normaliseCategory(raw: unknown): TemplateCategory | null {
  if (typeof raw !== 'string') return null
  const value = raw.trim().toLowerCase()
  if (value === 'marketing') return 'marketing'
  if (value === 'utility' || value === 'transactional') return 'utility'
  if (value === 'authentication' || value === 'otp') return 'authentication'
  return null
}
