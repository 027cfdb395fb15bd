import type { Db } from '../db/openDb'

/**
 * Whether a campaign's messages go through Meta's Marketing Messages API: the Meta account (or the
 * Sandbox, which simulates it) has the option on and the campaign's template is a marketing one (`campaign.template_category`,
 * set at launch). Utility and authentication templates, and unknown categories, stay on
 * `/messages`: the API accepts marketing templates only.
 */
export function usesMarketingMessagesApi(db: Db, campaignId: string): boolean {
  const row = db
    .prepare<[string], { on: number }>(
      `SELECT pp.marketing_messages_api AS "on" FROM campaign c
         JOIN provider p ON p.id = c.provider_id
         JOIN provider_pricing pp ON pp.provider_id = c.provider_id
       WHERE c.id = ? AND p.type IN ('meta', 'sandbox') AND lower(c.template_category) = 'marketing'`
    )
    .get(campaignId)
  return row?.on === 1
}
