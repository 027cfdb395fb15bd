import type { CampaignDraft, TemplateRef } from '../../../../shared/ipc/routes/campaigns'
import type { TemplateVariable } from '../../../../shared/ipc/routes/templates'

/** One template variable's mapping: a contact property (with a fallback) or fixed text. */
export interface VariableMapping {
  /** Contact property (`name`, `phone`, `city`, …); empty for fixed text. */
  source: string
  /** Fixed text, or the fallback for a contact whose property is blank. */
  text: string
}

/** The value a mapping sends: `{{property}}`, `{{property|fallback}}`, or the fixed text. */
export const valueOfMapping = (m: VariableMapping | undefined): string =>
  !m ? '' : m.source ? (m.text ? `{{${m.source}|${m.text}}}` : `{{${m.source}}}`) : m.text

/** Back from a stored value to a mapping (a single placeholder is a property, else fixed text). */
export function mappingOfValue(value: string | undefined): VariableMapping {
  const m = /^\{\{\s*([^{}|]+?)\s*(?:\|([^{}]*))?\}\}$/.exec(value ?? '')
  return m ? { source: m[1]!, text: m[2] ?? '' } : { source: '', text: value ?? '' }
}

export type FilterOp = 'eq' | 'neq' | 'contains' | 'exists'

/** The compose form as the operator edits it (strings where inputs hold text). */
export interface DraftForm {
  name: string
  providerId: string
  templateName: string
  language: string
  params: string[]
  /** Free-text template name and parameters (a provider whose list cannot be reached). */
  advanced: boolean
  /** The picked template's variables (from the synced list) and their mappings by variable key. */
  variables: TemplateVariable[]
  parameterFormat: 'positional' | 'named'
  mappings: Record<string, VariableMapping>
  audienceMode: 'all' | 'filter'
  filters: { property: string; op: FilterOp; value: string }[]
  controlGroupPercent: number
  goalOn: boolean
  goalEvent: string
  windowHours: string
  revenueProperty: string
  /** ISO 4217 code of the goal's revenue; empty: Settings' default when saved. */
  currency: string
  limit: string
  ratePerSecond: string
  /** `datetime-local` text, empty for "send now". */
  scheduleAt: string
}

export const emptyForm = (providerId = ''): DraftForm => ({
  name: '',
  providerId,
  templateName: '',
  language: 'en',
  params: ['{{name}}'],
  advanced: false,
  variables: [],
  parameterFormat: 'positional',
  mappings: {},
  audienceMode: 'all',
  filters: [{ property: '', op: 'eq', value: '' }],
  controlGroupPercent: 10,
  goalOn: false,
  goalEvent: 'purchase',
  windowHours: '48',
  revenueProperty: 'revenue',
  currency: '',
  limit: '',
  ratePerSecond: '',
  scheduleAt: ''
})

const positive = (text: string): number | null => {
  const n = Number(text)
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : null
}

function audienceOf(form: DraftForm): CampaignDraft['audience'] {
  const filter = form.filters
    .filter((f) => f.property.trim())
    .map((f) => ({
      property: f.property.trim(),
      op: f.op,
      ...(f.op === 'exists' ? {} : { value: f.value })
    }))
  return form.audienceMode === 'filter' && filter.length ? { filter } : { all: true }
}

/** The draft's `template`: free text in advanced mode, else built from the variable mappings. */
export function templateOf(form: DraftForm): TemplateRef {
  const base = { name: form.templateName.trim(), language: form.language.trim() }
  if (form.advanced) return { ...base, params: form.params }
  const value = (v: TemplateVariable) => valueOfMapping(form.mappings[v.key])
  const body = form.variables.filter((v) => v.component === 'body')
  const header = form.variables.find((v) => v.component === 'header')
  const buttons = form.variables.filter((v) => v.component === 'button')
  return {
    ...base,
    params:
      form.parameterFormat === 'named'
        ? Object.fromEntries(body.map((v) => [v.name, value(v)]))
        : body.map(value),
    ...(header ? { header: value(header) } : {}),
    ...(buttons.length
      ? { buttons: Object.fromEntries(buttons.map((v) => [v.name, value(v)])) }
      : {})
  }
}

/** The full `campaigns.create` input. */
export function toDraft(form: DraftForm): CampaignDraft {
  const rate = positive(form.ratePerSecond)
  const limit = positive(form.limit)
  const window = positive(form.windowHours)
  return {
    name: form.name.trim() || 'Untitled campaign',
    providerId: form.providerId,
    template: templateOf(form),
    audience: audienceOf(form),
    controlGroupPercent: form.controlGroupPercent,
    conversion:
      form.goalOn && form.goalEvent.trim() && window
        ? {
            event: form.goalEvent.trim(),
            windowHours: window,
            ...(form.revenueProperty.trim()
              ? { revenueProperty: form.revenueProperty.trim() }
              : {}),
            ...(form.currency ? { currency: form.currency } : {})
          }
        : null,
    limit: limit === null ? null : Math.floor(limit),
    ...(rate === null ? {} : { ratePerSecond: rate }),
    scheduleAt: form.scheduleAt ? new Date(form.scheduleAt).getTime() : null
  }
}

/** What the live preview can check already (partial drafts are fine). */
export function toPreview(form: DraftForm): Partial<CampaignDraft> {
  const draft = toDraft(form)
  const ready = form.templateName.trim() && form.language.trim().length >= 2
  const { template, ...rest } = draft
  return {
    ...rest,
    ...(form.providerId ? {} : { providerId: undefined }),
    ...(ready ? { template } : {})
  }
}

/** Back from a stored draft to the form (editing a saved draft). */
export function fromDraft(d: CampaignDraft): DraftForm {
  const at = d.scheduleAt ? new Date(d.scheduleAt) : null
  const local = at
    ? new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    : ''
  return {
    ...emptyForm(d.providerId),
    name: d.name,
    templateName: d.template.name,
    language: d.template.language,
    params: Array.isArray(d.template.params) ? d.template.params : Object.values(d.template.params),
    // The variables come back when the template list is loaded (ComposePage re-maps them).
    mappings: storedMappings(d.template),
    audienceMode: 'filter' in d.audience ? 'filter' : 'all',
    filters:
      'filter' in d.audience
        ? d.audience.filter.map((f) => ({ property: f.property, op: f.op, value: f.value ?? '' }))
        : emptyForm().filters,
    controlGroupPercent: d.controlGroupPercent,
    goalOn: !!d.conversion,
    goalEvent: d.conversion?.event ?? 'purchase',
    windowHours: String(d.conversion?.windowHours ?? 48),
    revenueProperty: d.conversion?.revenueProperty ?? '',
    currency: d.conversion?.currency ?? '',
    limit: d.limit ? String(d.limit) : '',
    ratePerSecond: d.ratePerSecond ? String(d.ratePerSecond) : '',
    scheduleAt: local
  }
}

/** A stored draft's values keyed like the variables (`body.1`, `body.first_name`, `header.*`, `button.0`). */
function storedMappings(t: TemplateRef): Record<string, VariableMapping> {
  const out: Record<string, VariableMapping> = {}
  if (Array.isArray(t.params))
    t.params.forEach((v, i) => (out[`body.${i + 1}`] = mappingOfValue(v)))
  else for (const [k, v] of Object.entries(t.params)) out[`body.${k}`] = mappingOfValue(v)
  if (t.header !== undefined) out.header = mappingOfValue(t.header)
  for (const [k, v] of Object.entries(t.buttons ?? {})) out[`button.${k}`] = mappingOfValue(v)
  return out
}
