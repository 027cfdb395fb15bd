import type { TemplateVariable, TemplateView } from '../../../../shared/ipc/routes/templates'
import type { SectionProps } from './ComposeSections'
import type { DraftForm, VariableMapping } from './draftForm'

const isNameLike = (v: TemplateVariable): boolean =>
  v.component === 'body' && (v.name === '1' || /name/i.test(v.name))

/**
 * The mappings a freshly picked template starts with: a contact property wherever one fits (a
 * name-like variable → the contact's name; a named variable → the property of that name). The
 * rest start unmapped and are listed in `ask`: their example values go to the engine, which names
 * the property holding them (`{{2}}` with the example "Pune" → the contact's city; see
 * `withSuggestions`). The example text is only ever a placeholder, never a fixed value.
 */
export function initialMappings(
  t: TemplateView,
  kept: Record<string, VariableMapping>,
  properties: string[]
): { mappings: Record<string, VariableMapping>; ask: TemplateVariable[] } {
  const mappings: Record<string, VariableMapping> = {}
  const ask: TemplateVariable[] = []
  const byName = new Map(properties.map((p) => [p.toLowerCase(), p]))
  for (const v of t.variables) {
    const old = kept[v.key] ?? (v.component === 'header' ? kept.header : undefined)
    const named = byName.get(v.name.toLowerCase())
    if (old) mappings[v.key] = old
    else if (isNameLike(v)) mappings[v.key] = { source: 'name', text: '' }
    else if (named) mappings[v.key] = { source: named, text: '' }
    else {
      mappings[v.key] = { source: '', text: '' }
      if (v.example && v.kind !== 'media') ask.push(v)
    }
  }
  return { mappings, ask }
}

/** The engine's suggestions applied to the variables the operator has not touched meanwhile. */
export function withSuggestions(
  current: Record<string, VariableMapping>,
  asked: TemplateVariable[],
  found: (string | null)[]
): Record<string, VariableMapping> {
  const out = { ...current }
  asked.forEach((v, i) => {
    const now = out[v.key]
    if (found[i] && (!now || (!now.source && !now.text)))
      out[v.key] = { source: found[i]!, text: '' }
  })
  return out
}

const LABEL: Record<TemplateVariable['kind'], string> = {
  text: 'text',
  media: 'media URL',
  url_suffix: 'URL suffix',
  copy_code: 'code'
}

const variableLabel = (v: TemplateVariable): string =>
  `${v.component} ${v.kind === 'text' ? `{{${v.name}}}` : LABEL[v.kind]}`

/** One row per variable: a contact property with a per-contact fallback, or fixed text. */
export function VariableMapper({ form, change, properties }: SectionProps) {
  const set = (key: string, patch: Partial<VariableMapping>) =>
    change({
      mappings: {
        ...form.mappings,
        [key]: { ...(form.mappings[key] ?? { source: '', text: '' }), ...patch }
      }
    })
  if (!form.variables.length)
    return (
      <div className="muted">
        {form.templateName ? 'This template takes no values.' : 'Pick a template.'}
      </div>
    )
  return (
    <div data-testid="compose-mapping">
      {form.variables.map((v, i) => {
        const m = form.mappings[v.key] ?? { source: '', text: '' }
        return (
          <div className="row filter-row" key={v.key} style={{ marginBottom: 6 }}>
            <span className="muted" style={{ width: 150, flex: 'none' }}>
              {variableLabel(v)}
            </span>
            <select
              value={m.source}
              onChange={(e) => set(v.key, { source: e.target.value })}
              aria-label={`Source of ${v.key}`}
              data-testid={`map-source-${i}`}
            >
              <option value="">fixed text</option>
              {['name', 'phone', ...properties].map((p) => (
                <option key={p} value={p}>
                  contact {p}
                </option>
              ))}
            </select>
            <input
              value={m.text}
              placeholder={
                m.source
                  ? 'fallback when blank (optional)'
                  : v.example
                    ? `same for everyone, e.g. ${v.example}`
                    : 'same for everyone'
              }
              onChange={(e) => set(v.key, { text: e.target.value })}
              aria-label={m.source ? `Fallback of ${v.key}` : `Text of ${v.key}`}
              data-testid={`map-text-${i}`}
              style={{ flex: 1 }}
            />
          </div>
        )
      })}
    </div>
  )
}

/**
 * The Review's list of where each value comes from: a contact property (with its fallback) or
 * fixed text, which every recipient gets alike and is flagged so a leftover example stands out.
 */
export function MappingReview({ form }: { form: DraftForm }) {
  if (form.advanced || !form.variables.length) return null
  return (
    <div className="panel" data-testid="mapping-review">
      <h2>Values</h2>
      <ul className="mapping-review">
        {form.variables.map((v) => {
          const m = form.mappings[v.key] ?? { source: '', text: '' }
          return (
            <li key={v.key} data-testid={`mapping-review-${v.key}`}>
              <span className="muted">{variableLabel(v)}</span> ←{' '}
              {m.source ? (
                <>
                  contact {m.source}
                  {m.text && <span className="muted"> (else “{m.text}”)</span>}
                </>
              ) : m.text ? (
                <span className="warn" data-fixed="true">
                  fixed text “{m.text}”: the same for every recipient
                </span>
              ) : (
                <span className="warn">not mapped yet</span>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
