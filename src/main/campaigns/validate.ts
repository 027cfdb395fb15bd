import { setTimeout as sleep } from 'node:timers/promises'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { ProviderType } from '../../shared/ipc/routes/providers'
import type { AudienceRepo, RangeCount } from '../db/repos/audienceRepo'
import { templateProblems, type TemplateReads } from '../templates/launch'
import { fillValue, placeholdersOf, toTemplateContact } from '../templates/fill'
import { CheckStopped } from '../dispatch/checkStopped'
import { bodyRuleFor, valueRuleProblems } from './valueRules'

/** What checking a draft reads: its audience, the synced templates and the account's type. */
export interface DraftReads {
  audience: AudienceRepo
  templates: TemplateReads
  providerType(providerId: string): ProviderType | undefined
}

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
  reads: DraftReads,
  draft: Partial<CampaignDraft>,
  providerExists: (id: string) => boolean
): Promise<DraftCheck> {
  const problems = draftProblems(reads, draft, providerExists)
  const audience = await checkAudience(reads, draft, { optedOut: true })
  problems.push(...audience.problems)
  const first = reads.audience.first(draft.audience)
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
  reads: Pick<DraftReads, 'templates'>,
  draft: Partial<CampaignDraft>,
  providerExists: (id: string) => boolean
): string[] {
  const problems: string[] = []
  if (!draft.providerId) problems.push('Choose a provider account.')
  else if (!providerExists(draft.providerId))
    problems.push(`Provider ${draft.providerId} does not exist.`)
  if (!draft.template?.name) problems.push('Enter the template name.')
  if (!draft.template?.language) problems.push('Enter the template language.')
  problems.push(...templateProblems(reads.templates, draft))
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
  reads: DraftReads,
  draft: Partial<CampaignDraft>,
  options: {
    optedOut?: boolean
    untilContactId?: number | null
    /** Asked between steps: true ends the check with `CheckStopped` (engine closing, cancel). */
    stopped?: () => boolean
  } = {}
): Promise<AudienceCheck> {
  const problems: string[] = []
  const { audience } = reads
  const last =
    options.untilContactId !== undefined ? options.untilContactId : audience.lastContactId()
  const count = (counter: RangeCount) => countInPages(counter, last, options.stopped)
  const qualified = (await count(audience.counter(draft.audience))).n
  if (qualified === 0) problems.push('No contact with a valid phone matches the audience.')
  let excludedOptedOut = 0
  if (options.optedOut)
    excludedOptedOut = (await count(audience.counter(draft.audience, { kind: 'optedOut' }))).n
  const everyValue = [
    ...bodyValues(draft),
    ...(draft.template?.header !== undefined ? [draft.template.header] : []),
    ...Object.values(draft.template?.buttons ?? {})
  ]
  for (const property of placeholdersOf(everyValue)) {
    const missing = await count(audience.counter(draft.audience, { kind: 'blank', property }))
    if (missing.n > 0)
      problems.push(
        `{{${property}}} is missing for ${missing.n} of ${qualified} qualified contacts (for example ${missing.example}). Fill it, filter those contacts out, or use fixed text.`
      )
  }
  const rule = bodyRuleFor(
    draft.providerId ? reads.providerType(draft.providerId) : undefined,
    draft.template?.name
  )
  if (rule)
    problems.push(
      ...(await valueRuleProblems(rule, draft, qualified, (property, r) =>
        count(
          audience.counter(draft.audience, {
            kind: 'refused',
            property,
            chars: r.chars,
            spacesInRow: r.spacesInRow
          })
        )
      ))
    )
  return { qualified, excludedOptedOut, problems }
}

/** The body's values, positional or named, in order. */
function bodyValues(draft: Partial<CampaignDraft>): string[] {
  const params = draft.template?.params ?? []
  return Array.isArray(params) ? params : Object.values(params)
}

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

/** COUNT(*) and the smallest phone of the contacts a counter counts, in id pages. */
async function countInPages(
  counter: RangeCount,
  last: number | null,
  stopped?: () => boolean
): Promise<{ n: number; example: string | null }> {
  let n = 0
  let example: string | null = null
  await inIdPages(
    last,
    (from, to) => {
      const got = counter(from, to)
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
  audience: AudienceRepo,
  draft: Pick<CampaignDraft, 'audience'>
): Promise<Map<string, number>> {
  const last = audience.lastContactId()
  const page = audience.prefixCounter(draft.audience)
  const out = new Map<string, number>()
  await inIdPages(last, (from, to) => {
    for (const r of page(from, to)) out.set(r.prefix, (out.get(r.prefix) ?? 0) + r.n)
  })
  return out
}

/** `scheduleAt` as epoch ms (ISO text or a number), or null. */
export function scheduleAtMs(draft: Pick<CampaignDraft, 'scheduleAt'>): number | null {
  const at = draft.scheduleAt
  if (at === null || at === undefined) return null
  return typeof at === 'number' ? at : Date.parse(at)
}
