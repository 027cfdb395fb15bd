import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { Db } from '../db/openDb'
import { createProviderRepo } from '../db/repos/providerRepo'
import { CONTENT_SID } from '../providers/twilio/send'
import { columnOf } from './audience'
import { fixedTextOf, propertiesOf } from './template'

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
interface ValueRule {
  provider: string
  code: string
  /** What the value has that the provider refuses. */
  what: string
  test(text: string): boolean
  /** The same test in SQL over a column expression, which it names once. */
  sql(column: string): string
}

const TWILIO_BODY: ValueRule = {
  provider: 'Twilio',
  code: '21656',
  what: 'a line break, a tab or more than four spaces in a row',
  test: (text) => /[\n\r\t]| {5}/.test(text),
  // The column once (its JSON path is one bound parameter); NULL never matches.
  sql: (c) =>
    `(SELECT instr(v, char(10)) + instr(v, char(13)) + instr(v, char(9)) + instr(v, '     ') FROM (SELECT ${c} AS v)) > 0`
}

/** The rule for the draft's body values, or null when its provider takes any text. */
function bodyRuleOf(db: Db, draft: Partial<CampaignDraft>): ValueRule | null {
  if (!draft.providerId || !draft.template?.name) return null
  const type = createProviderRepo(db).get(draft.providerId)?.type
  return type === 'twilio' && CONTENT_SID.test(draft.template.name) ? TWILIO_BODY : null
}

/** The body variables by the name the provider uses (`1`, `2`, … or the named key). */
function bodyVariables(draft: Partial<CampaignDraft>): [string, string][] {
  const params = draft.template?.params ?? []
  return Array.isArray(params)
    ? params.map((value, i) => [String(i + 1), value])
    : Object.entries(params)
}

/** Counts the audience members matching an extra condition: `{n, example phone}`. */
export type AudienceCounter = (
  condition: string,
  params: string[]
) => Promise<{ n: number; example: string | null }>

/**
 * One problem per body variable whose fixed text (or fallback) the provider refuses, and per
 * contact property used in the body that holds such a value for some of the audience, naming the
 * variable, how many contacts and an example one.
 */
export async function valueRuleProblems(
  db: Db,
  draft: Partial<CampaignDraft>,
  qualified: number,
  count: AudienceCounter
): Promise<string[]> {
  const rule = bodyRuleOf(db, draft)
  if (!rule) return []
  const problems: string[] = []
  const refused = `${rule.provider} refuses a template variable with ${rule.what} (error ${rule.code})`
  for (const [name, value] of bodyVariables(draft)) {
    const { fallbacks } = propertiesOf([value])
    if (rule.test(fixedTextOf(value)) || fallbacks.some((f) => rule.test(f)))
      problems.push(`Body variable {{${name}}} has ${rule.what} in its text: ${refused}.`)
  }
  for (const [name, value] of bodyVariables(draft))
    for (const property of propertiesOf([value]).properties) {
      const bound: string[] = []
      const column = columnOf(property, bound)
      const found = await count(rule.sql(column), bound)
      if (found.n > 0)
        problems.push(
          `Body variable {{${name}}} takes {{${property}}}, which has ${rule.what} for ${found.n} of ${qualified} qualified contacts (for example ${found.example}): ${refused}. Clean the property or filter those contacts out; Tickboard does not change the text.`
        )
    }
  return problems
}
