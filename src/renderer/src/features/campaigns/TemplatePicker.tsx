import { useEffect, useMemo, useState } from 'react'
import type { TemplateVariable, TemplateView } from '../../../../shared/ipc/routes/templates'
import { errorMessage } from '../../lib/errors'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useTemplatesStore } from '../../stores/templatesStore'
import type { Change, SectionProps } from './ComposeSections'
import { bindForm } from './bindForm'
import type { DraftForm, VariableMapping } from './draftForm'

const when = (ms: number | null) =>
  ms ? new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never'

/**
 * The provider's synced templates, searchable, with status, quality and category; picking one
 * fills the name, language and its variables. Only APPROVED templates can launch (the engine's
 * preview says why another cannot). Works from the last synced list when the provider cannot be
 * reached, and says so.
 */
export function TemplatePicker({ form, change }: { form: DraftForm; change: Change }) {
  const { providerId } = form
  const bind = bindForm(form, change)
  const { list: listOf, sync: syncOf } = useTemplatesStore()
  const ask = useMemo(() => (providerId ? () => listOf(providerId) : null), [providerId, listOf])
  const { data: list, setData: setList, error, setError } = useLatestAnswer(ask)
  const [query, setQuery] = useState('')
  const [syncing, setSyncing] = useState(false)

  // A stored draft names its template: take its variables from the list once it is there.
  useEffect(() => {
    if (!list || form.advanced || form.variables.length || !form.templateName) return
    const t = list.templates.find(
      (x) => x.name === form.templateName && x.language === form.language
    )
    if (t?.variables.length) change({ variables: t.variables, parameterFormat: t.parameterFormat })
  }, [list, form.advanced, form.variables.length, form.templateName, form.language, change])

  async function sync(): Promise<void> {
    setSyncing(true)
    try {
      setList(await syncOf(form.providerId))
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setSyncing(false)
    }
  }

  function pick(t: TemplateView): void {
    const mappings: Record<string, VariableMapping> = {}
    for (const v of t.variables)
      mappings[v.key] =
        form.mappings[v.key] ??
        (v.component === 'header' ? form.mappings.header : undefined) ??
        defaultMapping(v)
    change({
      templateName: t.name,
      language: t.language,
      variables: t.variables,
      parameterFormat: t.parameterFormat,
      mappings
    })
  }

  const q = query.trim().toLowerCase()
  const shown = (list?.templates ?? []).filter(
    (t) =>
      !q || `${t.label ?? ''} ${t.name} ${t.language} ${t.category ?? ''}`.toLowerCase().includes(q)
  )
  return (
    <div data-testid="template-picker">
      <div className="row">
        <input
          placeholder="Search templates"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="template-search"
          style={{ flex: 1 }}
        />
        <button onClick={() => void sync()} disabled={syncing || !form.providerId}>
          {syncing ? 'Syncing…' : 'Sync list'}
        </button>
        <label className="muted">
          <input {...bind.checkbox('advanced')} data-testid="template-advanced" /> Advanced: type
          the name
        </label>
      </div>
      {list && (
        <div className="field-help" data-testid="template-sync-state">
          {list.error
            ? `Could not refresh the list (${list.error}). Showing the last synced list (${when(list.syncedAt)}).`
            : `Synced ${when(list.syncedAt)} · ${list.templates.length} templates`}
        </div>
      )}
      {error && <div className="warn">{error}</div>}
      {!form.advanced && (
        <ul className="template-list" role="listbox" aria-label="Templates">
          {shown.map((t) => {
            const selected = t.name === form.templateName && t.language === form.language
            return (
              <li
                key={`${t.name}/${t.language}`}
                role="option"
                aria-selected={selected}
                className={selected ? 'selected' : ''}
                onClick={() => pick(t)}
                data-testid={`template-option-${t.name}-${t.language}`}
              >
                <strong>{t.label ?? t.name}</strong> <span className="muted">{t.language}</span>
                <span className={`badge status-${t.status.toLowerCase()}`}>{t.status}</span>
                {t.quality && <span className="badge">quality {t.quality}</span>}
                {t.category && <span className="badge">{t.category}</span>}
                <div className="muted template-body">{t.components.body}</div>
              </li>
            )
          })}
          {list && shown.length === 0 && <li className="muted">No template matches.</li>}
        </ul>
      )}
    </div>
  )
}

function defaultMapping(v: TemplateVariable): VariableMapping {
  if (v.component === 'body' && (v.name === '1' || v.name.includes('name')))
    return { source: 'name', text: '' }
  return { source: '', text: v.example ?? '' }
}

const LABEL: Record<TemplateVariable['kind'], string> = {
  text: 'text',
  media: 'media URL',
  url_suffix: 'URL suffix',
  copy_code: 'code'
}

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
          <div className="row" key={v.key} style={{ marginBottom: 6 }}>
            <span className="muted" style={{ width: 150 }}>
              {v.component} {v.kind === 'text' ? `{{${v.name}}}` : LABEL[v.kind]}
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
              placeholder={m.source ? 'fallback when blank (optional)' : (v.example ?? 'text')}
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
