import type { CampaignDraft, TemplateRef } from '../../shared/ipc/routes/campaigns'
import type {
  TemplateComponents,
  TemplateVariable,
  TemplateView
} from '../../shared/ipc/routes/templates'
import type { CampaignRepo } from '../db/repos/campaignRepo'
import { flatValues, hasStructure, mappingProblems } from './mapping'
import type { SendLayout } from './sendLayout'
import type { TemplateRepo } from '../db/repos/templateRepo'

/** What launch and the draft check read of the synced template lists. */
export type TemplateReads = Pick<TemplateRepo, 'get' | 'syncState' | 'list'>

/** What a launched campaign keeps of its template: the text as sent, for settings and exports. */
export interface TemplateSnapshot {
  name: string
  language: string
  label: string | null
  category: TemplateView['category']
  parameterFormat: 'positional' | 'named'
  components: TemplateComponents | null
  variables: TemplateVariable[]
  /** The draft's value per variable (with its `{{property}}` placeholders), in send order. */
  values: string[]
}

/** The synced template a draft names, or null (not synced, or the list never loaded). */
export function templateOfDraft(
  templates: TemplateReads,
  draft: Partial<CampaignDraft>
): TemplateView | null {
  const t = draft.template
  if (!draft.providerId || !t?.name || !t.language) return null
  return templates.get(draft.providerId, t.name, t.language)
}

/**
 * The template problems of a draft, for `campaigns.preview` and launch: a template missing from
 * an account's synced list, one that is not APPROVED, or one whose variables are not all mapped.
 * An account whose list never synced (no list API reachable) is not checked: free text is allowed.
 */
export function templateProblems(repo: TemplateReads, draft: Partial<CampaignDraft>): string[] {
  const t = draft.template
  if (!draft.providerId || !t?.name || !t.language) return []
  const template = repo.get(draft.providerId, t.name, t.language)
  if (template) return mappingProblems(t, template)
  const state = repo.syncState(draft.providerId)
  if (state.syncedAt === null) return []
  const others = repo
    .list(draft.providerId)
    .filter((x) => x.name === t.name)
    .map((x) => x.language)
  return [
    others.length
      ? `Template ${t.name} has no ${t.language} version in the provider's list (it has ${others.join(', ')}).`
      : `Template ${t.name} (${t.language}) is not in the provider's template list (synced ${new Date(state.syncedAt).toISOString()}). Check the name, or sync the list again.`
  ]
}

function layoutOf(ref: TemplateRef, template: TemplateView | null): TemplateSnapshot {
  if (template)
    return {
      name: template.name,
      language: template.language,
      label: template.label,
      category: template.category,
      parameterFormat: template.parameterFormat,
      components: template.components,
      variables: template.variables,
      values: flatValues(ref, template.variables)
    }
  // Free text (the account's list is unknown): the values are the body's, as given.
  const named = !Array.isArray(ref.params)
  const entries = Array.isArray(ref.params)
    ? ref.params.map((v, i) => [String(i + 1), v] as const)
    : Object.entries(ref.params)
  return {
    name: ref.name,
    language: ref.language,
    label: null,
    category: null,
    parameterFormat: named ? 'named' : 'positional',
    components: null,
    variables: entries.map(([name]) => ({
      key: `body.${name}`,
      component: 'body' as const,
      name,
      kind: 'text' as const
    })),
    values: entries.map(([, v]) => v)
  }
}

/**
 * Launch: fixes the campaign's template category (NULL when unknown) and its template snapshot,
 * and returns the draft with its values flattened in send order, ready for qualification.
 */
export function fixTemplateAtLaunch(
  templates: TemplateReads,
  campaigns: Pick<CampaignRepo, 'fixTemplate'>,
  campaignId: string,
  draft: CampaignDraft
): CampaignDraft {
  const template = templateOfDraft(templates, draft)
  const snapshot = layoutOf(draft.template, template && hasStructure(template) ? template : null)
  snapshot.category = template?.category ?? null
  campaigns.fixTemplate(campaignId, snapshot.category, JSON.stringify(snapshot))
  return { ...draft, template: { ...draft.template, params: snapshot.values } }
}

/** Where a launched campaign's snapshot is read from (the campaign repository). */
export type SnapshotSource = Pick<CampaignRepo, 'templateSnapshot'>

export function snapshotOf(campaigns: SnapshotSource, campaignId: string): TemplateSnapshot | null {
  const json = campaigns.templateSnapshot(campaignId)
  return json ? (JSON.parse(json) as TemplateSnapshot) : null
}

/** The template part of every send of a campaign: name, language and the layout of its values. */
export function sendTemplateOf(
  campaigns: SnapshotSource,
  campaignId: string,
  draft: CampaignDraft
): { name: string; language: string; layout?: SendLayout } {
  const snapshot = snapshotOf(campaigns, campaignId)
  const base = { name: draft.template.name, language: draft.template.language }
  if (!snapshot) return base
  return {
    ...base,
    layout: {
      parameterFormat: snapshot.parameterFormat,
      headerFormat: snapshot.components?.header?.format ?? null,
      variables: snapshot.variables
    }
  }
}
