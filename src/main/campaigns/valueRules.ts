import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import { CONTENT_SID } from '../providers/twilio/send'
import { fixedTextOf, propertiesOf } from '../templates/fill'

/**
 * What a provider refuses in a filled template value, checked over the audience before a launch
 * (preview problem, refused launch), never found one dispatch error per contact, and never
 * "fixed" by rewriting the value.
 *
 * Twilio's ContentVariables (sends by ContentSid): "A variable value used in the body contains a
 * newline, a tab, or more than four consecutive spaces" is error 21656, as is a value that is null
 * or empty (the blank-placeholder check covers that one).
 * https://www.twilio.com/docs/api/errors/21656
 */
export interface ValueRule {
  provider: string
  code: string
  /** What the value has that the provider refuses. */
  what: string
  test(text: string): boolean
  /** Characters refused anywhere in a value, and the run of spaces that is refused. */
  chars: string[]
  spacesInRow: number
}

const TWILIO_BODY: ValueRule = {
  provider: 'Twilio',
  code: '21656',
  what: 'a line break, a tab or more than four spaces in a row',
  test: (text) => /[\n\r\t]| {5}/.test(text),
  chars: ['\n', '\r', '\t'],
  spacesInRow: 5
}

/** The rule for a draft's body values, or null when its provider takes any text. */
export function bodyRuleFor(
  providerType: string | undefined,
  templateName: string | undefined
): ValueRule | null {
  return providerType === 'twilio' && CONTENT_SID.test(templateName ?? '') ? TWILIO_BODY : null
}

/** The body variables by the name the provider uses (`1`, `2`, … or the named key). */
function bodyVariables(draft: Partial<CampaignDraft>): [string, string][] {
  const params = draft.template?.params ?? []
  return Array.isArray(params)
    ? params.map((value, i) => [String(i + 1), value])
    : Object.entries(params)
}

/** Counts the audience members whose property breaks the rule: `{n, example phone}`. */
export type AudienceCounter = (
  property: string,
  rule: ValueRule
) => Promise<{ n: number; example: string | null }>

/**
 * One problem per body variable whose fixed text (or fallback) the provider refuses, and per
 * contact property used in the body that holds such a value for some of the audience, naming the
 * variable, how many contacts and an example one.
 */
export async function valueRuleProblems(
  rule: ValueRule,
  draft: Partial<CampaignDraft>,
  qualified: number,
  count: AudienceCounter
): Promise<string[]> {
  const problems: string[] = []
  const refused = `${rule.provider} refuses a template variable with ${rule.what} (error ${rule.code})`
  for (const [name, value] of bodyVariables(draft)) {
    const { fallbacks } = propertiesOf([value])
    if (rule.test(fixedTextOf(value)) || fallbacks.some((f) => rule.test(f)))
      problems.push(`Body variable {{${name}}} has ${rule.what} in its text: ${refused}.`)
  }
  for (const [name, value] of bodyVariables(draft))
    for (const property of propertiesOf([value]).properties) {
      const found = await count(property, rule)
      if (found.n > 0)
        problems.push(
          `Body variable {{${name}}} takes {{${property}}}, which has ${rule.what} for ${found.n} of ${qualified} qualified contacts (for example ${found.example}): ${refused}. Clean the property or filter those contacts out; Tickboard does not change the text.`
        )
    }
  return problems
}
