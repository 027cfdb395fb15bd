import type { CampaignDraft } from '../../../../shared/ipc/routes/campaigns'

export type FilterOp = 'eq' | 'neq' | 'contains' | 'exists'

/** The compose form as the operator edits it (strings where inputs hold text). */
export interface DraftForm {
  name: string
  providerId: string
  templateName: string
  language: string
  params: string[]
  audienceMode: 'all' | 'filter'
  filters: { property: string; op: FilterOp; value: string }[]
  controlGroupPercent: number
  goalOn: boolean
  goalEvent: string
  windowHours: string
  revenueProperty: string
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
  audienceMode: 'all',
  filters: [{ property: '', op: 'eq', value: '' }],
  controlGroupPercent: 10,
  goalOn: false,
  goalEvent: 'purchase',
  windowHours: '48',
  revenueProperty: 'revenue',
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

/** The full `campaigns.create` input. */
export function toDraft(form: DraftForm): CampaignDraft {
  const rate = positive(form.ratePerSecond)
  const limit = positive(form.limit)
  const window = positive(form.windowHours)
  return {
    name: form.name.trim() || 'Untitled campaign',
    providerId: form.providerId,
    template: {
      name: form.templateName.trim(),
      language: form.language.trim(),
      params: form.params
    },
    audience: audienceOf(form),
    controlGroupPercent: form.controlGroupPercent,
    conversion:
      form.goalOn && form.goalEvent.trim() && window
        ? {
            event: form.goalEvent.trim(),
            windowHours: window,
            ...(form.revenueProperty.trim() ? { revenueProperty: form.revenueProperty.trim() } : {})
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
    limit: d.limit ? String(d.limit) : '',
    ratePerSecond: d.ratePerSecond ? String(d.ratePerSecond) : '',
    scheduleAt: local
  }
}
