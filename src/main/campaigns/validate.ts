import { setTimeout as sleep } from 'node:timers/promises'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { Db } from '../db/openDb'
import { audienceSql, columnOf } from '../db/repos/audienceSql'
import { templateProblems } from '../templates/launch'
import { fillValue, placeholdersOf, toTemplateContact, type ContactRow } from '../templates/fill'
import { CheckStopped } from '../dispatch/checkStopped'
import { bodyRuleFor, valueRuleProblems, type ValueRule } from './valueRules'
import { createProviderRepo } from '../db/repos/providerRepo'

export interface DraftCheck {
  qualified: number
  /** Audience members left out because they stopped marketing messages. */
  excludedOptedOut: number
  control: number
  target: number
  sample: { phone: string; name: string | null; params: string[] } | null
  problems: string[]
}

/**
 * Checks a (possibly partial) draft against the current contacts: qualified count, estimated
 * control/target split, a filled sample, and every problem that would block a launch. A
 * placeholder that is blank for any qualified contact is a problem, never an empty string.
 */
export async function checkDraft(
  db: Db,
  draft: Partial<CampaignDraft>,
  providerExists: (id: string) => boolean
): Promise<DraftCheck> {
  const problems = draftProblems(db, draft, providerExists)
  const audience = await checkAudience(db, draft, { optedOut: true })
  problems.push(...audience.problems)
  const { where, params } = audienceSql(draft.audience)
  const first = db
    .prepare<string[], ContactRow>(
      // NOT INDEXED: in id order from the first contact (the planner chose the phone index for
      // the audience's GLOB and read all of it, then sorted).
      `SELECT c.id, c.phone, c.name, c.properties FROM contact c NOT INDEXED WHERE ${where}
       ORDER BY c.id LIMIT 1`
    )
    .get(...params)
  let sample: DraftCheck['sample'] = null
  if (first) {
    const contact = toTemplateContact(first)
    sample = {
      phone: first.phone,
      name: first.name,
      params: bodyValues(draft).map((p) => fillValue(p, contact, (name) => `[missing ${name}]`))
    }
  }
  const { qualified, excludedOptedOut } = audience
  const control = Math.round((qualified * (draft.controlGroupPercent ?? 0)) / 100)
  return { qualified, excludedOptedOut, control, target: qualified - control, sample, problems }
}

/**
 * The problems of a draft that do not depend on the audience's size (provider, template): quick
 * enough to answer a launch with. The audience part is `checkAudience`.
 */
export function draftProblems(
  db: Db,
  draft: Partial<CampaignDraft>,
  providerExists: (id: string) => boolean
): string[] {
  const problems: string[] = []
  if (!draft.providerId) problems.push('Choose a provider account.')
  else if (!providerExists(draft.providerId))
    problems.push(`Provider ${draft.providerId} does not exist.`)
  if (!draft.template?.name) problems.push('Enter the template name.')
  if (!draft.template?.language) problems.push('Enter the template language.')
  problems.push(...templateProblems(db, draft))
  return problems
}

export interface AudienceCheck {
  qualified: number
  /** Counted only when asked (the preview shows it; a launch does not need it). */
  excludedOptedOut: number
  problems: string[]
}

/**
 * The audience-sized part of the draft check, counted in pages with a yield between them: how
 * many contacts qualify (none is a problem) and every placeholder that is blank for some of
 * them. `untilContactId` fixes the audience (a launch counts the contacts that existed at launch).
 */
export async function checkAudience(
  db: Db,
  draft: Partial<CampaignDraft>,
  options: {
    optedOut?: boolean
    untilContactId?: number | null
    /** Asked between steps: true ends the check with `CheckStopped` (engine closing, cancel). */
    stopped?: () => boolean
  } = {}
): Promise<AudienceCheck> {
  const problems: string[] = []
  const last = options.untilContactId !== undefined ? options.untilContactId : lastContactId(db)
  const { where, params } = audienceSql(draft.audience)
  const qualified = (await countInPages(db, last, where, params, options.stopped)).n
  if (qualified === 0) problems.push('No contact with a valid phone matches the audience.')
  let excludedOptedOut = 0
  if (options.optedOut) {
    const optedOut = audienceSql(draft.audience, 'only')
    excludedOptedOut = (
      await countInPages(db, last, optedOut.where, optedOut.params, options.stopped)
    ).n
  }
  const everyValue = [
    ...bodyValues(draft),
    ...(draft.template?.header !== undefined ? [draft.template.header] : []),
    ...Object.values(draft.template?.buttons ?? {})
  ]
  for (const property of placeholdersOf(everyValue)) {
    const bound = [...params]
    const column = columnOf(property, bound)
    const missing = await countInPages(
      db,
      last,
      `${where} AND trim(COALESCE(${column}, '')) = ''`,
      [...params, ...bound.slice(params.length)],
      options.stopped
    )
    if (missing.n > 0)
      problems.push(
        `{{${property}}} is missing for ${missing.n} of ${qualified} qualified contacts (for example ${missing.example}). Fill it, filter those contacts out, or use fixed text.`
      )
  }
  const rule = bodyRuleFor(
    draft.providerId ? createProviderRepo(db).get(draft.providerId)?.type : undefined,
    draft.template?.name
  )
  if (rule)
    problems.push(
      ...(await valueRuleProblems(rule, draft, qualified, (property, r) => {
        const bound = [...params]
        const refused = refusedSql(columnOf(property, bound), r)
        return countInPages(db, last, `${where} AND ${refused}`, bound, options.stopped)
      }))
    )
  return { qualified, excludedOptedOut, problems }
}

/** A value breaking the rule, in SQL; the column once (its JSON path is one bound parameter). */
function refusedSql(column: string, rule: ValueRule): string {
  const found = [
    ...rule.chars.map((ch) => `instr(v, char(${ch.charCodeAt(0)}))`),
    `instr(v, '${' '.repeat(rule.spacesInRow)}')`
  ]
  // NULL (no such property) never matches.
  return `(SELECT ${found.join(' + ')} FROM (SELECT ${column} AS v)) > 0`
}

/** The body's values, positional or named, in order. */
function bodyValues(draft: Partial<CampaignDraft>): string[] {
  const params = draft.template?.params ?? []
  return Array.isArray(params) ? params : Object.values(params)
}

const lastContactId = (db: Db): number | null =>
  db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM contact').get()!.id

/** Contact ids per counting step: a few milliseconds of scanning between two yields. */
const PAGE_IDS = 5_000

/**
 * Runs `step` over the contact ids up to `last` in ranges of PAGE_IDS with a yield between them:
 * a check over 300,000 contacts was ~1 s of one synchronous scan per query, during which no
 * callback got its answer.
 */
async function inIdPages(
  last: number | null,
  step: (from: number, to: number) => void,
  stopped?: () => boolean
): Promise<void> {
  for (let from = 0; last !== null && from < last; from += PAGE_IDS) {
    // A timer, not setImmediate: a callback that arrives meanwhile is answered before the next
    // step (after setImmediate the step ran ahead of the inbox commit in the same loop phase).
    if (from > 0) await sleep(1)
    if (stopped?.()) throw new CheckStopped()
    step(from, Math.min(from + PAGE_IDS, last))
  }
}

// NOT INDEXED keeps the id range on the rowid: for the audience's phone GLOB the planner chose the
// phone index and read all of it for every step (300,000 contacts in steps of 2,000: 2.2–2.8 s of
// scanning per count instead of 0.15 s).
const RANGE = 'FROM contact c NOT INDEXED WHERE c.id > ? AND c.id <= ?'

/** COUNT(*) and the smallest phone of the contacts matching `where`, counted in id pages. */
async function countInPages(
  db: Db,
  last: number | null,
  where: string,
  params: string[],
  stopped?: () => boolean
): Promise<{ n: number; example: string | null }> {
  const page = db.prepare<(string | number)[], { n: number; example: string | null }>(
    `SELECT COUNT(*) AS n, MIN(c.phone) AS example ${RANGE} AND ${where}`
  )
  let n = 0
  let example: string | null = null
  await inIdPages(
    last,
    (from, to) => {
      const got = page.get(from, to, ...params)!
      n += got.n
      if (got.example !== null && (example === null || got.example < example)) example = got.example
    },
    stopped
  )
  return { n, example }
}

/**
 * A draft's qualified audience by phone prefix (the first four digits after '+', as the cost
 * tally keys them), counted in id pages: what a launch estimate prices per market.
 */
export async function audienceByPrefix(
  db: Db,
  draft: Pick<CampaignDraft, 'audience'>
): Promise<Map<string, number>> {
  const last = lastContactId(db)
  const { where, params } = audienceSql(draft.audience)
  const page = db.prepare<(string | number)[], { prefix: string; n: number }>(
    `SELECT substr(c.phone, 2, 4) AS prefix, COUNT(*) AS n ${RANGE} AND ${where} GROUP BY prefix`
  )
  const out = new Map<string, number>()
  await inIdPages(last, (from, to) => {
    for (const r of page.all(from, to, ...params)) out.set(r.prefix, (out.get(r.prefix) ?? 0) + r.n)
  })
  return out
}

/** `scheduleAt` as epoch ms (ISO text or a number), or null. */
export function scheduleAtMs(draft: Pick<CampaignDraft, 'scheduleAt'>): number | null {
  const at = draft.scheduleAt
  if (at === null || at === undefined) return null
  return typeof at === 'number' ? at : Date.parse(at)
}
