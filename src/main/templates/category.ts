import type { Db } from '../db/openDb'

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

/**
 * THE category lookup: the category of a stored template of one provider account, or null when
 * the template is not synced or its category is unknown. Launch copies it to
 * `campaign.template_category`; pricing reads that column.
 */
export function templateCategoryOf(
  db: Db,
  providerId: string,
  name: string,
  language: string
): TemplateCategory | null {
  const row = db
    .prepare<[string, string, string], { category: string | null }>(
      'SELECT category FROM template WHERE provider_id = ? AND name = ? AND language = ?'
    )
    .get(providerId, name, language)
  return normaliseCategory(row?.category ?? null)
}

/** The category a campaign was launched with (`campaign.template_category`), or null. */
export function campaignTemplateCategory(db: Db, campaignId: string): TemplateCategory | null {
  const row = db
    .prepare<[string], { template_category: string | null }>(
      'SELECT template_category FROM campaign WHERE id = ?'
    )
    .get(campaignId)
  return normaliseCategory(row?.template_category ?? null)
}
